/* Senim anonymous reporting: proof of work, no third party.
 * Finds a counter such that SHA-256("<challenge>:<counter>") starts with `bits` zero bits, in small slices
 * so the page stays responsive, and fills the hidden "pow" field. Without JavaScript the form shows a sum
 * to answer instead (see docs/tips.md). Plain ES5 for old phone browsers; no external requests. */
(function () {
  "use strict";
  var K = [0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,
    0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
    0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
    0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
    0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,
    0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
    0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,
    0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2];
  var W = new Array(64);

  /* SHA-256 of an ASCII string; returns the first two 32-bit words (enough to count leading zeros up to 64). */
  function sha256Head(msg) {
    var len = msg.length, nBlocks = ((len + 8) >> 6) + 1, words = new Array(nBlocks * 16), i;
    for (i = 0; i < words.length; i++) words[i] = 0;
    for (i = 0; i < len; i++) words[i >> 2] |= msg.charCodeAt(i) << (24 - (i % 4) * 8);
    words[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
    words[words.length - 1] = len * 8;
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a,
        h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (var b = 0; b < words.length; b += 16) {
      var a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7, t, s0, s1, j;
      for (j = 0; j < 64; j++) {
        if (j < 16) W[j] = words[b + j] | 0;
        else {
          s0 = ((W[j-15] >>> 7) | (W[j-15] << 25)) ^ ((W[j-15] >>> 18) | (W[j-15] << 14)) ^ (W[j-15] >>> 3);
          s1 = ((W[j-2] >>> 17) | (W[j-2] << 15)) ^ ((W[j-2] >>> 19) | (W[j-2] << 13)) ^ (W[j-2] >>> 10);
          W[j] = (W[j-16] + s0 + W[j-7] + s1) | 0;
        }
        t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
             + ((e & f) ^ (~e & g)) + K[j] + W[j]) | 0;
        var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
             + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
        h = g; g = f; f = e; e = (d + t) | 0; d = c; c = bb; bb = a; a = (t + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return [h0 >>> 0, h1 >>> 0];
  }

  function zeroBits(head) {
    if (head[0] !== 0) return Math.clz32 ? Math.clz32(head[0]) : 31 - Math.floor(Math.log(head[0]) / Math.LN2);
    return 32 + (head[1] !== 0 ? (Math.clz32 ? Math.clz32(head[1]) : 31 - Math.floor(Math.log(head[1]) / Math.LN2)) : 32);
  }

  function solve(challenge, bits, done) {
    var counter = 0, prefix = challenge + ":";
    function slice() {
      var until = counter + 5000;
      for (; counter < until; counter++) {
        if (zeroBits(sha256Head(prefix + counter)) >= bits) { done(String(counter)); return; }
      }
      setTimeout(slice, 0);
    }
    slice();
  }

  document.documentElement.className += " js";
  var forms = document.querySelectorAll("form.pow-form");
  Array.prototype.forEach.call(forms, function (form) {
    var field = form.querySelector("input[name=pow]"), status = form.querySelector(".status");
    var solved = false, waiting = false;
    solve(form.getAttribute("data-challenge"), parseInt(form.getAttribute("data-bits"), 10), function (answer) {
      field.value = answer;
      solved = true;
      if (waiting) form.submit();
    });
    form.addEventListener("submit", function (event) {
      if (solved) return;
      event.preventDefault();
      waiting = true;
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      if (status) status.textContent = form.getAttribute("data-working");
    });
  });
})();
