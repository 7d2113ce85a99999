// The run's bar: progress, status, pause/resume, cancel and run again; and its footer: the
// fingerprint of the finished run and the link to copy.

import { el } from './dom.js';

const STATUS = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  done: 'Done',
  failed: 'Stopped by an error',
};

export function runBar(runner, currentLink, { signal, rerun }) {
  const progress = el('progress', { id: 'replica-progress', max: '1', value: '0', 'aria-label': 'Progress of the run' });
  const status = el('span', { class: 'status', id: 'replica-status', 'aria-live': 'polite' }, STATUS.idle);
  // Enabled while a run is under way (a page may wait before its first run).
  const pause = el('button', { type: 'button', id: 'replica-pause', disabled: '' }, 'Pause');
  const cancel = el('button', { type: 'button', id: 'replica-cancel', class: 'secondary', disabled: '' }, 'Cancel');
  const again = el('button', { type: 'button', id: 'replica-rerun', class: 'secondary' }, 'Run again');
  const fingerprint = el('output', { id: 'replica-fingerprint', class: 'fingerprint' }, '…');
  const copy = el('button', { type: 'button', id: 'replica-copy' }, 'Copy link');
  const copied = el('span', { class: 'copied', 'aria-live': 'polite' });

  pause.addEventListener('click', () => (runner.state === 'paused' ? runner.resume() : runner.pause()));
  cancel.addEventListener('click', () => runner.cancel());
  again.addEventListener('click', rerun);
  copy.addEventListener('click', async () => {
    const url = new URL(currentLink(), location.href).href;
    try {
      await navigator.clipboard.writeText(url);
      copied.textContent = 'Link copied';
    } catch {
      // Without clipboard access (an insecure origin, a denied permission) show the link to copy by hand.
      copied.textContent = url;
    }
    setTimeout(() => (copied.textContent = ''), 4000);
  });

  let shownPercent = -1;
  const showProgress = (p) => {
    progress.value = p;
    const percent = Math.floor(p * 100);
    if (percent !== shownPercent && runner.state === 'running') {
      shownPercent = percent;
      status.textContent = `${STATUS.running} · ${percent}%`;
    }
  };
  runner.addEventListener('frame', (e) => showProgress(e.detail.progress), { signal });
  runner.addEventListener(
    'done',
    (e) => {
      showProgress(1);
      fingerprint.textContent = e.detail.fingerprint;
      fingerprint.title = 'A hash of every number of this run: the same link gives the same fingerprint in every browser and in the command-line tool.';
      status.textContent = `${STATUS.done} in ${e.detail.seconds.toFixed(2)} s`;
    },
    { signal },
  );
  runner.addEventListener(
    'state',
    (e) => {
      const state = e.detail.state;
      const active = state === 'running' || state === 'paused';
      pause.textContent = state === 'paused' ? 'Resume' : 'Pause';
      pause.disabled = !active;
      cancel.disabled = !active;
      if (state === 'running' && runner.progress === 0) {
        fingerprint.textContent = '…';
        shownPercent = -1;
        showProgress(0);
      }
      if (state !== 'done' && state !== 'running') status.textContent = `${STATUS[state]}${active || state === 'cancelled' ? ` at ${Math.floor(runner.progress * 100)}%` : ''}`;
    },
    { signal },
  );

  return {
    element: el('div', { class: 'runbar' }, progress, status, el('span', { class: 'buttons' }, pause, cancel, again)),
    footer: el(
      'div',
      { class: 'runfoot' },
      el('span', {}, el('span', { class: 'label' }, 'Fingerprint '), fingerprint),
      el('span', {}, copy, ' ', copied),
    ),
  };
}
