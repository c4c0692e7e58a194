// An article needs htmx only for the "Did this answer your question?" block at its end: fetch it
// when the block comes near the screen, not with the page. A vote sent before htmx has arrived
// waits for it, then goes as htmx sends it; if htmx cannot load, the form posts as without
// JavaScript.
(() => {
  const script = document.currentScript;
  const block = document.getElementById("article-feedback");
  if (!block || !script) return;
  let loading = null;

  function loadHtmx() {
    loading ??= new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = script.dataset.htmx;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.append(tag);
    });
    return loading;
  }

  if ("IntersectionObserver" in window) {
    const watcher = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          watcher.disconnect();
          loadHtmx();
        }
      },
      { rootMargin: "600px" },
    );
    watcher.observe(block);
  } else {
    loadHtmx();
  }

  block.addEventListener("submit", (event) => {
    if (window.htmx) return;
    event.preventDefault();
    const form = event.target;
    const submitter = event.submitter;
    // Clicking again lets htmx see which button was chosen, as it would have the first time.
    loadHtmx().then(
      () => (submitter ? submitter.click() : form.requestSubmit()),
      () => form.submit(),
    );
  });
})();
