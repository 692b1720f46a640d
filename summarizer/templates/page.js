"use strict";
/* Links with data-show (items, quotes, eval entries) are links to a highlight's anchor that
   work without this script; with it they scroll the highlight to the middle and flash every
   highlight of the item, and focus moves to the anchor as when the link is followed. An item
   can also be clicked anywhere. Hovering a highlight names the items that cite it, which the
   page also says in text beside it. Text only ever goes in through textContent. */
(() => {
  const tip = document.getElementById("tip");
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function marksOf(key) {
    return document.querySelectorAll('mark[data-spans~="' + CSS.escape(key) + '"]');
  }

  function show(keys) {
    const first = marksOf(keys[0]);
    if (first.length === 0) return;
    first[0].scrollIntoView({ block: "center", behavior: calm ? "auto" : "smooth" });
    for (const key of keys) {
      for (const mark of marksOf(key)) {
        mark.classList.remove("flash");
        void mark.offsetWidth;
        mark.classList.add("flash");
      }
    }
    const anchor = document.getElementById(keys[0]);
    if (anchor) anchor.focus({ preventScroll: true });
  }

  /* The innermost link decides: one without data-show (the source, "cited by") is followed. */
  document.addEventListener("click", (event) => {
    const target = event.target.closest("a, button, [data-show]");
    if (!target || !target.dataset.show) return;
    event.preventDefault();
    show(target.dataset.show.split(" "));
  });
  document.addEventListener("animationend", (event) => event.target.classList.remove("flash"));

  let cited = [];
  function clear() {
    tip.hidden = true;
    for (const element of cited) element.classList.remove("cited");
    cited = [];
  }
  document.addEventListener("mouseover", (event) => {
    const mark = event.target.closest("mark[data-tip]");
    if (!mark) return;
    clear();
    tip.textContent = mark.dataset.tip;
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const left = Math.min(box.left, window.innerWidth - tip.offsetWidth - 8);
    const below = box.bottom + 6 + tip.offsetHeight < window.innerHeight;
    tip.style.left = Math.max(8, left) + "px";
    tip.style.top = (below ? box.bottom + 6 : box.top - tip.offsetHeight - 6) + "px";
    for (const key of mark.dataset.items.split(" ")) {
      const item = document.getElementById(key);
      if (item) {
        item.classList.add("cited");
        cited.push(item);
      }
    }
  });
  document.addEventListener("mouseout", (event) => {
    if (event.target.closest("mark[data-tip]")) clear();
  });
})();
