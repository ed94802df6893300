// The landing page: a join code typed any way ("k7m-q2p") goes to that workshop's page.
"use strict";
const ALPHABET = "23456789BCDFGHJKMNPQRSTVWXZ";
document.getElementById("code-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const typed = document.getElementById("code").value;
  const code = typed.replace(/[\s-]+/g, "").toUpperCase();
  const error = document.getElementById("code-error");
  if (code.length !== 6 || [...code].some((c) => !ALPHABET.includes(c))) {
    error.textContent = "A join code has 6 letters and digits, like K7M-Q2P.";
    document.getElementById("code").focus();
    return;
  }
  window.location.assign("/" + code);
});
