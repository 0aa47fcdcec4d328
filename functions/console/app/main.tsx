import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useToken, whenUnauthorized } from './api';
import { PANELS } from './panels/registry';
import { type Session, forgetToken, parseToken, storeToken, storedToken, takeTokenFromFragment } from './session';
import './styles.css';

function SignIn({ message, onSignIn }: { message: string | null; onSignIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(message);
  const submit = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('token') as HTMLTextAreaElement;
    const parsed = parseToken(input.value);
    if ('error' in parsed) setError(parsed.error);
    else onSignIn(parsed);
  };
  return (
    <main class="sign-in">
      <h1>Staff console</h1>
      <form onSubmit={submit}>
        <label for="token">Token</label>
        <textarea id="token" name="token" rows={4} required autoComplete="off" spellcheck={false} placeholder="eyJ…" />
        <p class="hint">
          Paste the token <code>npm start</code> or <code>npm run token</code> printed, or open the link <code>npm start</code> prints. It stays in
          this tab only.
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

function currentPanelId(): string {
  return location.hash.replace(/^#/, '') || 'overview';
}

function Console({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const panels = PANELS.filter((p) => session.role === 'admin' || p.access === 'customer');
  const [panelId, setPanelId] = useState(currentPanelId);
  useEffect(() => {
    const follow = () => setPanelId(currentPanelId());
    addEventListener('hashchange', follow);
    // The address may have changed between the first render and this effect.
    follow();
    return () => removeEventListener('hashchange', follow);
  }, []);
  const panel = panels.find((p) => p.id === panelId) ?? panels[0];
  // On a phone the panel links scroll sideways: keep the current one in view.
  useEffect(() => document.querySelector('.top nav [aria-current]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }), [panel.id]);
  const Panel = panel.component;
  return (
    <>
      <header class="top">
        <h1>Staff console</h1>
        <nav aria-label="Panels">
          {panels.map((p) => (
            <a key={p.id} href={`#${p.id}`} aria-current={p.id === panel.id ? 'page' : undefined}>
              {p.title}
            </a>
          ))}
        </nav>
        <div class="who">
          <span>
            {session.subject} · {session.role}
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="panel" data-panel={panel.id}>
        <Panel key={panel.id} />
      </main>
    </>
  );
}

/** The tab's stored session; a token that has expired (or is not one) is forgotten, with the reason to show. */
function restoreSession(): { session: Session | null; message: string | null } {
  const token = storedToken();
  if (!token) return { session: null, message: null };
  const parsed = parseToken(token);
  if ('error' in parsed) {
    forgetToken();
    return { session: null, message: parsed.error };
  }
  return { session: parsed, message: null };
}

function App() {
  const [start] = useState(restoreSession);
  const [session, setSession] = useState<Session | null>(start.session);
  const [message, setMessage] = useState<string | null>(start.message);
  const signOut = (reason: string | null) => {
    forgetToken();
    setMessage(reason);
    setSession(null);
  };
  whenUnauthorized((reason) => signOut(reason));
  // An expired token leaves at its expiry, not at the next failed call.
  useEffect(() => {
    if (!session?.expiresAt) return;
    const timer = setTimeout(() => signOut('Your session has expired. Sign in with a new token.'), Math.max(0, session.expiresAt * 1000 - Date.now()));
    return () => clearTimeout(timer);
  }, [session]);
  if (!session) {
    return (
      <SignIn
        message={message}
        onSignIn={(s) => {
          storeToken(s.token);
          setMessage(null);
          setSession(s);
        }}
      />
    );
  }
  useToken(session.token);
  return <Console session={session} onSignOut={() => signOut(null)} />;
}

takeTokenFromFragment();
const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
