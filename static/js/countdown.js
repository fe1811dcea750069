// Keeps the hand-over countdown current; the server-rendered text works without it.
(function () {
  const el = document.querySelector("[data-countdown]");
  if (!el) return;
  const target = new Date(el.getAttribute("datetime"));
  const lang = document.documentElement.lang || "nl";
  const words = lang === "en"
    ? { pre: "in", d: ["day", "days"], h: ["hour", "hours"], m: ["minute", "minutes"], and: "and" }
    : { pre: "over", d: ["dag", "dagen"], h: ["uur", "uur"], m: ["minuut", "minuten"], and: "en" };
  const unit = (n, pair) => `${n} ${n === 1 ? pair[0] : pair[1]}`;
  function render() {
    let s = Math.max(0, Math.floor((target - new Date()) / 1000));
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60);
    const text = d ? `${unit(d, words.d)} ${words.and} ${unit(h, words.h)}`
      : h ? `${unit(h, words.h)} ${words.and} ${unit(m, words.m)}` : unit(m, words.m);
    el.textContent = `${words.pre} ${text}`;
  }
  render();
  setInterval(render, 30000);
})();
