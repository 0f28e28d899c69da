// The exit console's store page keeps its list of shoppers calling for staff current without a reload (the
// exit-pass field is left alone while staff type in it): every few seconds it fetches the page again and swaps
// in the new list when it changed. No answer, or a sign-in page, leaves the list as it is.

const LIST = 'assistance-list';
const EVERY_MS = 5000;

async function refresh() {
  try {
    // the store page itself: after an exit-pass check the address is the form's, which has no page to fetch
    const storeId = document.querySelector('main').dataset.storeId;
    const response = await fetch(`/console/stores/${encodeURIComponent(storeId)}`, {
      headers: { Accept: 'text/html' },
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById(LIST);
    const shown = document.getElementById(LIST);
    if (fresh && shown && fresh.innerHTML !== shown.innerHTML) {
      shown.replaceWith(document.importNode(fresh, true));
    }
  } catch {
    // offline or signed out: try again on the next tick
  } finally {
    setTimeout(refresh, EVERY_MS);
  }
}

if (document.getElementById(LIST)) setTimeout(refresh, EVERY_MS);
