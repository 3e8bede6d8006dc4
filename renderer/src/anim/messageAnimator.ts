import { select } from 'd3-selection';
import { animate } from './motion.js';

/**
 * Owns the moving token of a sequence diagram: a dot that travels from sender to receiver when a
 * step happens. Created on a <g> by a ref and an effect, updated per step, destroyed on unmount;
 * React never renders inside its group. Reports when a move is finished.
 */
export interface MessageMove {
  /** Identifies the step, so a re-render with the same step does not animate again. */
  readonly key: string;
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
  readonly attacker: boolean;
  readonly duration: number;
}

export interface MessageAnimator {
  update(move: MessageMove | null): void;
  destroy(): void;
}

export function createMessageAnimator(group: SVGGElement, onSettled: (key: string) => void): MessageAnimator {
  const root = select(group);
  const token = root
    .append('circle')
    .attr('class', 'token')
    .attr('r', 7)
    .style('opacity', 0);
  let last: string | null = null;

  return {
    update(move) {
      if (!move) {
        last = null;
        void animate(token, 0, { style: { opacity: 0 } });
        return;
      }
      if (move.key === last) return;
      last = move.key;
      token.classed('token-attacker', move.attacker);
      // Travel from sender to receiver, then fade; the end state (duration 0) is no token at all.
      void animate(token, move.duration, { attr: { cx: move.x1, cy: move.y } }, { attr: { cx: move.x0, cy: move.y }, style: { opacity: move.duration > 0 ? 1 : 0 } })
        .then(() => (last === move.key ? animate(token, Math.round(move.duration / 3), { style: { opacity: 0 } }) : undefined))
        .then(() => {
          if (last === move.key) onSettled(move.key);
        });
    },
    destroy() {
      token.interrupt();
      root.selectAll('*').remove();
    },
  };
}
