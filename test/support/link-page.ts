import { JSDOM } from 'jsdom';

/** The cookies a response sets, as a `cookie` request header (name=value pairs only). */
export function cookiesOf(response: Response, given = ''): string {
  const set = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  return [given, ...set].filter(Boolean).join('; ');
}

/**
 * Opens an emailed link's page over plain HTTP and presses the button labelled `label` the way a browser
 * submits its form: the form's hidden fields (event id, form token), the button's own name and value, and the
 * cookies the page set. Returns the page (what opening it showed) and the answer to the press.
 */
export async function pressOnLinkPage(
  url: string,
  label: string,
  cookie = '',
): Promise<{ page: string; pageStatus: number; answer: Response }> {
  const opened = await fetch(url, { headers: { cookie } });
  const page = await opened.text();
  const { document } = new JSDOM(page).window;
  const button = [...document.querySelectorAll('button[type=submit]')].find((b) => b.textContent?.trim() === label) as
    HTMLButtonElement | undefined;
  if (!button?.form) throw new Error(`no button "${label}" in a form on ${url}: ${document.body.textContent}`);
  const fields = new URLSearchParams();
  for (const input of button.form.querySelectorAll('input[type=hidden]'))
    fields.set((input as HTMLInputElement).name, (input as HTMLInputElement).value);
  fields.set(button.name, button.value);
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(opened, cookie) },
    body: fields.toString(),
    redirect: 'manual',
  });
  return { page, pageStatus: opened.status, answer };
}
