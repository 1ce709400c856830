// Injected into a copy of a poster by posters.sh: measures, as Chromium lays it out, every printed line of text
// against the box it must stay in, and writes what sticks out into <pre id="overflow"> (empty when nothing does).
(() => {
  const problems = [];
  const px = (value) => parseFloat(value) || 0;
  const describe = (element) => {
    const box = element.closest("[data-category]");
    return (box ? `bubble ${box.dataset.category} ` : "") + (element.className || element.tagName.toLowerCase());
  };
  for (const line of document.querySelectorAll(".line")) {
    const box = line.closest("li, .texts, .tag, .contact");
    if (!box) continue;
    const style = getComputedStyle(box);
    const room = box.getBoundingClientRect().width - px(style.paddingLeft) - px(style.paddingRight)
      - px(style.borderLeftWidth) - px(style.borderRightWidth);
    const range = document.createRange();
    range.selectNodeContents(line);
    const width = range.getBoundingClientRect().width;
    // Half a pixel: the sheet is drawn about 13 px per millimetre, so this is under 0.04 mm.
    if (width > room + 0.5) {
      problems.push(`${describe(box)}: "${line.textContent}" is ${(width / room * 100 - 100).toFixed(1)} % wider than its box`);
    }
  }
  // Lines one under the other inside their box; a glyph's ascent and descent may reach past its line's box, as designed.
  for (const box of document.querySelectorAll(".texts, .behaviours, .items")) {
    const lines = box.querySelectorAll(".line");
    if (lines.length === 0) continue;
    const outer = box.getBoundingClientRect();
    const top = lines[0].getBoundingClientRect().top;
    const bottom = lines[lines.length - 1].getBoundingClientRect().bottom;
    if (top < outer.top - 0.5 || bottom > outer.bottom + 0.5) {
      problems.push(`${describe(box)}: its lines take ${(bottom - top).toFixed(1)} px and the box is ${outer.height.toFixed(1)} px high`);
    }
  }
  // The page fits its window, nothing scrolls: a signage page fills its screen exactly.
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth || root.scrollHeight > innerHeight) {
    problems.push(`the page is ${root.scrollWidth} × ${root.scrollHeight} px in a window of ${innerWidth} × ${innerHeight}: it scrolls`);
  }
  const out = document.createElement("pre");
  out.id = "overflow";
  out.textContent = problems.join("\n");
  document.body.appendChild(out);
})();
