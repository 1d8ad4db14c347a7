// Scroll the WKSBM menu so that the current book is in view on a narrow screen.
document.querySelectorAll(".menu-gulir").forEach((menu) => {
  const aktif = menu.querySelector(".nav-link.active");
  if (aktif && aktif.offsetLeft + aktif.offsetWidth > menu.clientWidth) {
    menu.scrollLeft = aktif.offsetLeft - 16;
  }
});

// A background export's progress (wksbm/ekspor_detail.html): fetch the page again every few
// seconds and swap in its progress region, until the job has finished or failed. No reload of
// the whole page (WCAG 2.2.1: no timed refresh); without JavaScript the page links to itself.
const kemajuan = document.getElementById("kemajuan");
if (kemajuan && kemajuan.dataset.perbarui) {
  const jeda = Number(kemajuan.dataset.perbarui) * 1000;
  const perbarui = async () => {
    try {
      const jawaban = await fetch(window.location.href, { credentials: "same-origin" });
      if (!jawaban.ok) return;
      const baru = new DOMParser()
        .parseFromString(await jawaban.text(), "text/html")
        .getElementById("kemajuan");
      if (!baru) return;
      kemajuan.innerHTML = baru.innerHTML;
      if (!baru.dataset.perbarui) return;
    } catch {
      // offline for a moment: try again at the next tick
    }
    window.setTimeout(perbarui, jeda);
  };
  window.setTimeout(perbarui, jeda);
}
