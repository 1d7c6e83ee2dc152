import { act, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/shell/app.tsx';
import { renderWithApp } from './support/render.tsx';

describe('the shell', () => {
  it('switches views with the navigation and marks the current one', async () => {
    renderWithApp(<App />);
    const board = screen.getByRole('button', { name: 'Board' });
    expect(board.getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(board.getAttribute('aria-current')).toBeNull();
  });

  it('reads the latest announcement out in the polite live region', () => {
    const { store } = renderWithApp(<App />);
    act(() => {
      store.getState().announce('+15550001111: signed in.');
    });
    const region = screen.getAllByRole('status').find((node) => node.getAttribute('aria-live') === 'polite');
    expect(region?.textContent).toBe('+15550001111: signed in.');
  });
});
