"""Provides the test of whether typed text is made of words at all.

"asdf jkl", "qwerty", "fghfgh" and "xzkq vbnm" are refused; "Tidewell", "Priya Raman" and
"rhythm" are not. A token is judged by how English its letter pairs are, from counts of
every letter pair (with word starts ^ and ends $) in the bundled cases and stage lessons,
about 150,000 words of plain business English; keyboard runs and short repeated patterns
are refused whatever their letters. A name the counts have never seen still passes as long
as it could be spelled in English; the test is for nonsense, not for spelling.

The counts were made once with `pair_counts()` over content/cases and content/checklists.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

_PAIRS = (
    "^a17052 ^b6482 ^c10102 ^d5281 ^e4523 ^f6550 ^g2127 ^h4462 ^i9156 ^j1794 ^k740 ^l4154 ^m5663 "
    "^n4870 ^o8303 ^p7137 ^q468 ^r4447 ^s13577 ^t19471 ^u2588 ^v1980 ^w8106 ^x327 ^y866 ^z163 "
    "a$6215 aa15 ab1363 ac3001 ad2040 ae26 af641 ag1879 ah266 ai2117 aj63 ak937 al5721 am1343 "
    "an12635 ao114 ap1796 aq55 ar8284 as3343 at6431 au966 av618 aw310 ax44 ay1248 az65 b$357 "
    "ba1473 bb65 bc107 bd9 be2871 bf1 bg3 bh4 bi1343 bj73 bl766 bm315 bn49 bo1866 bp16 bq3 br740 "
    "bs192 bt49 bu1744 bv12 bw3 bx3 by580 bz4 c$904 ca2658 cb25 cc341 cd12 ce4221 cf48 cg6 ch4231 "
    "ci921 ck1867 cl905 cm31 cn89 co5926 cp6 cq69 cr824 cs190 ct1967 cu738 cv3 cw7 cx3 cy85 cz2 "
    "d$15214 da1428 db609 dc34 dd137 de4798 df16 dg151 dh7 di2754 dj14 dk1 dl116 dm128 dn31 do596 "
    "dp29 dq8 dr509 ds651 dt19 du612 dv99 dw72 dx6 dy215 e$26512 ea4083 eb331 ec2795 ed6481 "
    "ee3022 ef905 eg567 eh321 ei631 ej57 ek131 el2643 em1879 en6469 eo278 ep1396 eq347 er12022 "
    "es7520 et2497 eu331 ev1180 ew1466 ex2163 ey750 ez14 f$3093 fa681 fb2 fc6 fd45 fe1540 ff675 "
    "fg1 fh2 fi2250 fj2 fl191 fm1 fn14 fo2461 fp40 fq1 fr831 fs30 ft1167 fu521 fw6 fx11 fy119 "
    "g$3919 ga763 gb21 gc5 gd6 ge2790 gf12 gg127 gh1142 gi620 gj2 gk1 gl409 gm280 gn480 go813 "
    "gp13 gq2 gr1041 gs229 gt46 gu442 gv1 gw4 gx2 gy152 gz21 h$3840 ha5366 hb12 hc20 hd24 he10596 "
    "hf7 hg9 hh2 hi2909 hk5 hl44 hm23 hn146 ho2641 hp16 hq3 hr604 hs124 ht2077 hu258 hv1 hw27 hx1 "
    "hy174 hz3 i$889 ia2296 ib936 ic3066 id2916 ie1580 if689 ig1579 ih12 ii24 ij15 ik127 il3180 "
    "im1201 in12003 io3489 ip780 iq4 ir1509 is3281 it7762 iu79 iv1837 iw9 ix297 iy9 iz253 j$34 "
    "ja557 jb2 jc2 je194 ji220 jj2 jk2 jl1 jm2 jn2 jo829 jp46 jr1 js3 jt2 ju398 jv54 jw1 jx1 jy2 "
    "jz1 k$2534 ka77 kb4 kc3 kd9 ke1966 kf19 kg4 kh23 ki525 kk24 kl61 km8 kn96 ko77 kp5 kq1 kr27 "
    "ks796 kt13 ku18 kw5 kx1 ky66 l$5675 la3468 lb24 lc92 ld1919 le5884 lf211 lg26 lh40 li4012 "
    "lj32 lk122 ll3725 lm294 ln21 lo2061 lp65 lr73 ls860 lt703 lu907 lv82 lw23 lx4 ly1541 lz1 "
    "m$3406 ma3195 mb820 mc102 md21 me4112 mf2 mg10 mh81 mi1788 mj1 mk1 ml261 mm556 mn20 mo1456 "
    "mp1964 mr17 ms813 mt23 mu347 mv3 mw81 my66 mz3 n$12062 na2323 nb73 nc2256 nd7068 ne6850 "
    "nf218 ng4565 nh18 ni1391 nj12 nk462 nl345 nm70 nn551 no3312 np22 nq9 nr13 ns2684 nt5589 "
    "nu807 nv289 nw32 nx3 ny982 nz96 o$5388 oa607 ob689 oc656 od702 oe207 of3258 og534 oh28 oi945 "
    "oj68 ok592 ol1793 om4568 on9408 oo841 op1598 or6843 os1692 ot2674 ou4516 ov1134 ow2232 ox296 "
    "oy392 oz25 p$2155 pa3337 pb35 pc117 pd19 pe2520 pf119 pg6 ph410 pi807 pj2 pk2 pl2289 pm124 "
    "pn12 po1235 pp1141 pr2617 ps1120 pt1122 pu776 pw15 px13 py40 pz3 q$90 qa3 qc1 qd1 qe1 qi6 "
    "qj2 qk2 qp1 qs1 qt4 qu900 qv1 qw1 qz3 r$9486 ra2560 rb473 rc1176 rd1180 re8701 rf20 rg1029 "
    "rh18 ri3767 rk1044 rl1413 rm1184 rn825 ro4646 rp262 rq1 rr327 rs3309 rt2917 ru988 rv227 rw58 "
    "ry1209 rz5 s$21662 sa1614 sb12 sc657 sd27 se4415 sf69 sg11 sh2030 si2980 sj5 sk253 sl271 "
    "sm319 sn309 so2167 sp687 sq37 sr19 ss1833 st7068 su1532 sv2 sw606 sx6 sy172 t$16333 ta3880 "
    "tb173 tc407 td24 te7347 tf116 tg42 th13332 ti6151 tj3 tl1474 tm452 tn695 to5454 tp1061 tq2 "
    "tr2404 ts3067 tt1636 tu1209 tv17 tw667 tx7 ty1179 tz34 u$527 ua827 ub399 uc973 ud274 ue1110 "
    "uf86 ug656 uh28 ui688 uj201 uk44 ul2043 um584 un2177 uo115 up973 ur3403 us2173 ut3152 uu5 "
    "uv16 ux18 uy274 uz20 v$307 va845 vb3 vc3 vd11 ve4296 vf8 vg4 vi1558 vk2 vl2 vm1 vn1 vo477 "
    "vp2 vq3 vr4 vs14 vt2 vu2 vv2 vx5 vy11 vz1 w$1987 wa2052 wb5 wc6 wd7 we1754 wf4 wh2231 wi1759 "
    "wj3 wk2 wl19 wm4 wn1121 wo1748 wp4 wr244 ws744 wt38 wu2 wv2 ww1077 wx4 wy20 wz1 x$476 xa245 "
    "xb2 xc121 xd3 xe542 xf1 xg4 xh219 xi288 xj2 xl6 xm1 xn2 xo12 xp618 xq1 xr3 xs1 xt660 xu2 xv2 "
    "xx1 xy10 y$7174 ya107 yb88 yc25 yd23 ye715 yf8 yi151 yj3 yl29 ym109 yn65 yo663 yp358 yq1 "
    "yr19 ys515 yt73 yu16 yv1 yw28 yx1 yz3 z$150 za24 zc5 zd15 ze210 zf7 zg3 zh25 zi61 zk1 zl4 "
    "zm9 zn11 zo106 zq2 zs1 zt4 zu62 zv1 zw2 zx5 zy13 zz12 "
)
GIBBERISH_BELOW = -4.7  # mean log-probability per letter pair; real words sit above -4.6
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def pair_counts(texts: Iterable[str]) -> Counter[str]:
    """Letter-pair counts of the words in `texts` (how _PAIRS was made)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in re.findall(r"[a-z]+", text.lower()):
            padded = f"^{word}$"
            counts.update(a + b for a, b in pairwise(padded))
    return counts


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], dict[str, float]]:
    counts = {item[:2]: int(item[2:]) for item in "".join(_PAIRS).split()}
    firsts: Counter[str] = Counter()
    for pair, count in counts.items():
        firsts[pair[0]] += count
    return {pair: float(n) for pair, n in counts.items()}, dict(firsts)


def pair_score(word: str) -> float:
    """The mean log-probability of the word's letter pairs (higher: more English)."""
    counts, firsts = _model()
    padded = f"^{word.lower()}$"
    pairs = list(pairwise(padded))
    total = 0.0
    for a, b in pairs:
        total += math.log((counts.get(a + b, 0.0) + 0.5) / (firsts.get(a, 0.0) + 13.5))
    return total / len(pairs)


def keyboard_run(word: str, length: int = 4) -> bool:
    """Four or more keys in a row on a keyboard, either way: "asdf", "lkjh", "4321"."""
    word = word.lower()
    for row in KEYBOARD_ROWS:
        for line in (row, row[::-1]):
            for start in range(len(line) - length + 1):
                if line[start : start + length] in word:
                    return True
    return False


def repeated(word: str) -> bool:
    """A short pattern typed over and over: "aaaa", "jkjkjk", "sdfsdf"."""
    word = word.lower()
    for size in (1, 2, 3):
        unit = word[:size]
        if (
            len(word) >= max(4, 2 * size)
            and word == unit * (len(word) // size) + unit[: len(word) % size]
        ):
            return len(set(word)) < len(word)
    return False


@lru_cache(maxsize=8192)
def strength(word: str) -> int:
    """How surely one token is nonsense: 2 for a keyboard run or a typed-over pattern, 1
    for letter pairs English hardly uses (a rare name can look like that), 0 for a word.
    Acronyms (IBM, NYC) and words in other scripts are never judged."""
    if len(word) < 3 or (word.isupper() and len(word) <= 5) or not word.isascii():
        return 0
    if keyboard_run(word) or repeated(word) or (len(word) == 3 and keyboard_run(word, 3)):
        return 2
    if len(word) >= 4 and not set(word.lower()) & set("aeiouy"):
        return 2  # no vowel at all: "bbbc", "cvbn"
    return 1 if pair_score(word) < GIBBERISH_BELOW else 0


def nonsense(text: str) -> str | None:
    """What is nonsense about `text` ("asdf", "qwerty"), or None when it reads as words.

    Tokens of three letters or more are weighed: sure nonsense counts twice, doubtful
    once; the text is nonsense when that weight reaches the number of tokens, so one odd
    surname ("Krzysztof Nowak") passes and "asdf jkl" does not."""
    tokens = [t for t in _LETTERS.findall(text) if len(t) >= 3]
    if not tokens:
        return None
    weights = {t: strength(t) for t in tokens}
    if sum(weights[t] for t in tokens) >= len(tokens):
        bad = [t for t in tokens if weights[t]]
        return ", ".join(f"“{t}”" for t in dict.fromkeys(bad[:3]))
    return None
