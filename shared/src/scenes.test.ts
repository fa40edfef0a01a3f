import { canPress, firstMemory, pressThrough, sceneGrid, sceneMemorySchema, type SceneMemory } from './scenes';

const G = sceneGrid;
const still = Array.from({ length: G * G }, (_, i) => i); // each token is its own cell number
const drawn = (token: number) => new Array<number>(G * G).fill(token); // whatever the dynamics sampled
const row = (tokens: number[], r: number) => tokens.slice(r * G, (r + 1) * G);

describe('a scene\'s memory', () => {
  it('gives back every cell the view showed before and takes only cells never shown from the dynamics', () => {
    const start = firstMemory(2, still);
    expect(sceneMemorySchema.parse(start)).toEqual(start);
    const right = pressThrough(start, 'right', drawn(999)); // the view moved a token right: the picture moved left
    for (let r = 0; r < G; r++) expect(row(right.tokens, r)).toEqual([...row(still, r).slice(1), 999]);
    expect(right.memory.view).toEqual({ y: 0, x: 1 });

    const back = pressThrough(right.memory, 'left', drawn(555));
    expect(back.tokens).toEqual(still); // back where it started: the still as it was, nothing repainted
    const again = pressThrough(back.memory, 'right', drawn(777));
    expect(again.tokens).toEqual(right.tokens); // the column painted first is remembered
    const down = pressThrough(again.memory, 'down', drawn(4));
    expect(row(down.tokens, G - 1)).toEqual(new Array(G).fill(4));
    expect(row(down.tokens, 0)).toEqual(row(right.tokens, 1));
  });

  it('starts anew from the frame a press that is no pan led to', () => {
    const moved = pressThrough(firstMemory(2, still), 'up', drawn(1)).memory;
    for (const name of ['in', 'out', undefined] as const) {
      const after = pressThrough(moved, name, drawn(3));
      expect(after.tokens).toEqual(drawn(3));
      expect(after.memory).toEqual(firstMemory(2, drawn(3)));
    }
  });

  it('never lets the view beyond its reach: an arrow to the edge is open, one past it is not', () => {
    expect(canPress({ y: 0, x: -1 }, 'left', 2)).toBe(true);
    expect(canPress({ y: 0, x: -2 }, 'left', 2)).toBe(false);
    expect(canPress({ y: 0, x: -2 }, 'right', 2)).toBe(true);
    expect(canPress({ y: 2, x: 0 }, 'down', 2)).toBe(false);
    expect(canPress({ y: 2, x: 2 }, 'in', 2)).toBe(true);
    let memory: SceneMemory = firstMemory(2, still);
    for (let k = 0; k < 2; k++) memory = pressThrough(memory, 'left', drawn(k)).memory;
    expect(memory.view).toEqual({ y: 0, x: -2 });
    // a pan past the edge (which the app does not offer) is not a move: the memory starts anew
    expect(pressThrough(memory, 'left', drawn(8)).memory).toEqual(firstMemory(2, drawn(8)));
    expect(() => sceneMemorySchema.parse({ ...memory, view: { y: 0, x: -3 } })).toThrow();
    expect(() => sceneMemorySchema.parse({ ...memory, cells: memory.cells.slice(1) })).toThrow();
  });
});
