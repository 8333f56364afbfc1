/** The starter repository RepoAgent works on, and the functions it adds to it. */

import type { Topic } from './code-templates.js';

/** Checked out into an empty workspace on RepoAgent's first turn. */
export const STARTER_REPO_URL = 'https://github.com/robocoders-examples/starter.git';

export const STARTER_FILES: Readonly<Record<string, string>> = {
  'README.md': `# starter

A tiny Python project — helpers live in \`utils.py\`, their tests in \`test_utils.py\`.

Run the tests with \`python3 -m pytest -q\`.
`,
  'utils.py': `"""Small helpers used across the project."""


def clamp(value: float, low: float, high: float) -> float:
    """Limit value to the range [low, high]."""
    return max(low, min(value, high))
`,
  'test_utils.py': `from utils import clamp


def test_clamp():
    assert clamp(5, 0, 3) == 3
    assert clamp(-1, 0, 3) == 0
`,
};

/** A helper RepoAgent adds to `utils.py`, with its test. */
export interface RepoFunction {
  name: string;
  source: string;
  test: string;
}

const REPO_FUNCTIONS: Partial<Record<Topic, RepoFunction>> = {
  factorial: {
    name: 'factorial',
    source: `def factorial(n: int) -> int:
    """Return n! — iteratively, so large n does not hit the recursion limit."""
    if n < 0:
        raise ValueError("factorial() is not defined for negative numbers")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result`,
    test: `def test_factorial():
    assert factorial(0) == 1
    assert factorial(5) == 120`,
  },
  fibonacci: {
    name: 'fibonacci',
    source: `def fibonacci(count: int) -> list:
    """Return the first \`count\` Fibonacci numbers."""
    numbers, a, b = [], 0, 1
    for _ in range(count):
        numbers.append(a)
        a, b = b, a + b
    return numbers`,
    test: `def test_fibonacci():
    assert fibonacci(7) == [0, 1, 1, 2, 3, 5, 8]`,
  },
  'hello-world': {
    name: 'greet',
    source: `def greet(name: str = "World") -> str:
    """Return a friendly greeting — "Hello, World!" by default."""
    return f"Hello, {name}!"`,
    test: `def test_greet():
    assert greet() == "Hello, World!"
    assert greet("Zoë") == "Hello, Zoë!"`,
  },
};

/** The helper for a topic, or `undefined` when RepoAgent documents the request instead. */
export function repoFunctionFor(topic: Topic): RepoFunction | undefined {
  return REPO_FUNCTIONS[topic];
}

/** Every helper RepoAgent knows, to find the ones present in a file. */
export function knownRepoFunctions(): RepoFunction[] {
  return Object.values(REPO_FUNCTIONS);
}
