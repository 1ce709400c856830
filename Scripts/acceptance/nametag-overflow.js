// Injected into a copy of a name-tag sheet by posters.sh: every text of every card, as Chromium lays it out, stays
// inside the card's padding, and the card's texts stack inside its height; what does not goes into <pre id="overflow">.
(() => {
  const problems = [];
  const px = (value) => parseFloat(value) || 0;
  document.querySelectorAll(".card").forEach((card, index) => {
    const style = getComputedStyle(card);
    const outer = card.getBoundingClientRect();
    const left = outer.left + px(style.paddingLeft), right = outer.right - px(style.paddingRight);
    const top = outer.top + px(style.paddingTop), bottom = outer.bottom - px(style.paddingBottom);
    for (const text of card.querySelectorAll("p")) {
      const range = document.createRange();
      range.selectNodeContents(text);
      const box = range.getBoundingClientRect();
      // Half a pixel: the sheet is drawn about 19 px per millimetre, so this is under 0.03 mm.
      if (box.left < left - 0.5 || box.right > right + 0.5) {
        problems.push(`card ${index + 1} ${text.className}: "${text.textContent}" runs ${Math.max(left - box.left, box.right - right).toFixed(1)} px past the card's side padding`);
      }
    }
    const first = card.firstElementChild.getBoundingClientRect(), last = card.lastElementChild.getBoundingClientRect();
    if (first.top < top - 0.5 || last.bottom > bottom + 0.5) {
      problems.push(`card ${index + 1}: its texts take ${(last.bottom - first.top).toFixed(1)} px and the card has ${(bottom - top).toFixed(1)} px inside its padding`);
    }
  });
  const out = document.createElement("pre");
  out.id = "overflow";
  out.textContent = problems.join("\n");
  document.body.appendChild(out);
})();
