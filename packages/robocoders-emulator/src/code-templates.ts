/**
 * The code the scripted agents "write". Each program comes with the commands that exercise it
 * and their output, computed here so that what the stream shows is what the code would print.
 */

/** What a request is about, as far as the scripted agents can tell. */
export type Topic = 'factorial' | 'fibonacci' | 'http-server' | 'hello-world' | 'generic';

/** A command the agent runs and the output it "gets". */
export interface CommandRun {
  command: string;
  output: string;
  exitCode?: number;
}

/** A program the agent writes, how to run it and how to test it. */
export interface ProgramTemplate {
  topic: Topic;
  path: string;
  source: string;
  /** One line for the final message, e.g. "an iterative `factorial(n)`". */
  summary: string;
  runs: CommandRun[];
  test: { path: string; source: string; run: CommandRun; count: number };
}

const PYTEST_DOTS_WIDTH = 73;

/** What `pytest -q` prints for `count` passing tests. */
export function pytestOutput(count: number): string {
  const dots = '.'.repeat(count).padEnd(PYTEST_DOTS_WIDTH, ' ');
  return `${dots}[100%]\n${count} passed in 0.0${Math.min(9, count + 1)}s`;
}

function factorial(n: number): bigint {
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i += 1n) result *= i;
  return result;
}

function fibonacci(count: number): number[] {
  const numbers: number[] = [];
  let [a, b] = [0, 1];
  for (let i = 0; i < count; i += 1) {
    numbers.push(a);
    [a, b] = [b, a + b];
  }
  return numbers;
}

const FACTORIAL_SAMPLES = [0, 1, 5, 10];

function factorialProgram(): ProgramTemplate {
  return {
    topic: 'factorial',
    path: 'factorial.py',
    summary: 'an iterative `factorial(n)` that rejects negative numbers',
    source: `"""Compute factorials — iteratively, so large inputs do not hit the recursion limit."""


def factorial(n: int) -> int:
    """Return n! for a non-negative integer n."""
    if n < 0:
        raise ValueError("factorial() is not defined for negative numbers")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


if __name__ == "__main__":
    for n in (${FACTORIAL_SAMPLES.join(', ')}):
        print(f"{n}! = {factorial(n)}")
`,
    runs: [
      {
        command: 'python3 factorial.py',
        output: FACTORIAL_SAMPLES.map((n) => `${n}! = ${factorial(n)}`).join('\n'),
      },
    ],
    test: {
      path: 'test_factorial.py',
      count: 4,
      run: { command: 'python3 -m pytest -q test_factorial.py', output: pytestOutput(4) },
      source: `import pytest

from factorial import factorial


def test_base_cases():
    assert factorial(0) == 1
    assert factorial(1) == 1


def test_small_numbers():
    assert factorial(5) == 120


def test_large_number():
    assert factorial(20) == ${factorial(20)}


def test_negative_number_is_rejected():
    with pytest.raises(ValueError):
        factorial(-1)
`,
    },
  };
}

function fibonacciProgram(): ProgramTemplate {
  return {
    topic: 'fibonacci',
    path: 'fibonacci.py',
    summary: 'a `fibonacci(count)` generator-backed helper',
    source: `"""Fibonacci numbers — a generator plus a list helper."""
from itertools import islice
from typing import Iterator, List


def fibonacci_numbers() -> Iterator[int]:
    """Yield 0, 1, 1, 2, 3, 5, ... forever."""
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def fibonacci(count: int) -> List[int]:
    """Return the first \`count\` Fibonacci numbers."""
    if count < 0:
        raise ValueError("count must be non-negative")
    return list(islice(fibonacci_numbers(), count))


if __name__ == "__main__":
    print(fibonacci(10))
`,
    runs: [{ command: 'python3 fibonacci.py', output: `[${fibonacci(10).join(', ')}]` }],
    test: {
      path: 'test_fibonacci.py',
      count: 3,
      run: { command: 'python3 -m pytest -q test_fibonacci.py', output: pytestOutput(3) },
      source: `import pytest

from fibonacci import fibonacci


def test_first_numbers():
    assert fibonacci(10) == [${fibonacci(10).join(', ')}]


def test_empty():
    assert fibonacci(0) == []


def test_negative_count_is_rejected():
    with pytest.raises(ValueError):
        fibonacci(-1)
`,
    },
  };
}

function pythonServerProgram(): ProgramTemplate {
  return {
    topic: 'http-server',
    path: 'server.py',
    summary: 'a small HTTP server answering `Hello, World!` on port 8000',
    source: `"""A minimal HTTP server that answers every GET with "Hello, World!"."""
from http.server import BaseHTTPRequestHandler, HTTPServer

HOST, PORT = "127.0.0.1", 8000


class HelloHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = "Hello, World!\\n".encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve() -> None:
    with HTTPServer((HOST, PORT), HelloHandler) as httpd:
        print(f"Serving on http://{HOST}:{PORT} — press Ctrl+C to stop")
        httpd.serve_forever()


if __name__ == "__main__":
    serve()
`,
    runs: [
      { command: 'python3 server.py > server.log 2>&1 &', output: '[1] 4242' },
      { command: 'sleep 1 && curl -s http://127.0.0.1:8000/', output: 'Hello, World!' },
    ],
    test: {
      path: 'test_server.py',
      count: 2,
      run: { command: 'python3 -m pytest -q test_server.py', output: pytestOutput(2) },
      source: `import threading
import urllib.request
from http.server import HTTPServer

import pytest

from server import HelloHandler


@pytest.fixture()
def base_url():
    httpd = HTTPServer(("127.0.0.1", 0), HelloHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_says_hello(base_url):
    with urllib.request.urlopen(base_url) as response:
        assert response.read() == b"Hello, World!\\n"


def test_plain_text(base_url):
    with urllib.request.urlopen(base_url + "/anything") as response:
        assert response.headers["Content-Type"].startswith("text/plain")
`,
    },
  };
}

function nodeServerProgram(): ProgramTemplate {
  return {
    topic: 'http-server',
    path: 'server.js',
    summary: 'a Node.js HTTP server answering `Hello, World!` on port 3000',
    source: `// A minimal HTTP server that answers every request with "Hello, World!".
const http = require('node:http');

const port = Number(process.env.PORT ?? 3000);

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Hello, World!\\n');
});

if (require.main === module) {
  server.listen(port, '127.0.0.1', () => {
    console.log(\`Listening on http://127.0.0.1:\${port} — press Ctrl+C to stop\`);
  });
}

module.exports = { server };
`,
    runs: [
      { command: 'node server.js > server.log 2>&1 &', output: '[1] 4242' },
      { command: 'sleep 1 && curl -s http://127.0.0.1:3000/', output: 'Hello, World!' },
    ],
    test: {
      path: 'server.test.js',
      count: 2,
      run: {
        command: 'node --test server.test.js',
        output:
          '✔ says hello (12.1ms)\n✔ answers plain text (1.9ms)\nℹ tests 2\nℹ pass 2\nℹ fail 0',
      },
      source: `const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');
const { server } = require('./server.js');

let baseUrl;

before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = \`http://127.0.0.1:\${server.address().port}\`;
});

after(() => server.close());

test('says hello', async () => {
  const response = await fetch(baseUrl);
  assert.equal(await response.text(), 'Hello, World!\\n');
});

test('answers plain text', async () => {
  const response = await fetch(\`\${baseUrl}/anything\`);
  assert.match(response.headers.get('content-type'), /^text\\/plain/);
});
`,
    },
  };
}

function helloWorldProgram(): ProgramTemplate {
  return {
    topic: 'hello-world',
    path: 'hello.py',
    summary: 'a `hello.py` script with a reusable `greet()` function',
    source: `"""Print a friendly greeting."""


def greet(name: str = "World") -> str:
    return f"Hello, {name}!"


if __name__ == "__main__":
    print(greet())
`,
    runs: [{ command: 'python3 hello.py', output: 'Hello, World!' }],
    test: {
      path: 'test_hello.py',
      count: 2,
      run: { command: 'python3 -m pytest -q test_hello.py', output: pytestOutput(2) },
      source: `from hello import greet


def test_default_greeting():
    assert greet() == "Hello, World!"


def test_named_greeting():
    assert greet("Zoë") == "Hello, Zoë!"
`,
    },
  };
}

/** Makes a request safe to embed in a Python docstring and a string literal. */
function sanitizeTask(task: string): string {
  const oneLine = task
    .replace(/\s+/g, ' ')
    .replace(/["\\{}]/g, '')
    .trim();
  return oneLine.length > 72 ? `${oneLine.slice(0, 71)}…` : oneLine;
}

function genericProgram(task: string, path: string): ProgramTemplate {
  const safeTask = sanitizeTask(task);
  const module = path.replace(/\.py$/, '');
  return {
    topic: 'generic',
    path,
    summary: `a \`${path}\` entry point scaffolded for “${safeTask}”`,
    source: `"""${safeTask}

Scaffolded by the agent — the structure is in place; fill in the domain logic in run().
"""
import sys

TASK = "${safeTask}"


def run(argv: list) -> str:
    """Do the work and return a short report."""
    return f"Task: {TASK} (arguments: {len(argv)})"


def main() -> int:
    print(run(sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
`,
    runs: [{ command: `python3 ${path}`, output: `Task: ${safeTask} (arguments: 0)` }],
    test: {
      path: `test_${module}.py`,
      count: 1,
      run: { command: `python3 -m pytest -q test_${module}.py`, output: pytestOutput(1) },
      source: `from ${module} import TASK, run


def test_run_reports_the_task():
    assert run([]).startswith(f"Task: {TASK}")
`,
    },
  };
}

/** The program for a topic; `task` and `path` only matter for the generic one. */
export function programFor(
  topic: Topic,
  options: { javascript?: boolean; task?: string; path?: string } = {},
): ProgramTemplate {
  switch (topic) {
    case 'factorial':
      return factorialProgram();
    case 'fibonacci':
      return fibonacciProgram();
    case 'http-server':
      return options.javascript ? nodeServerProgram() : pythonServerProgram();
    case 'hello-world':
      return helloWorldProgram();
    case 'generic':
      return genericProgram(options.task ?? 'the requested task', options.path ?? 'main.py');
  }
}

/** Recognises a program this module wrote, so follow-ups ("now add tests") can build on it. */
export function programForFile(path: string, source: string): ProgramTemplate | undefined {
  if (path === 'factorial.py' && source.includes('def factorial')) return factorialProgram();
  if (path === 'fibonacci.py' && source.includes('def fibonacci')) return fibonacciProgram();
  if (path === 'server.py' && source.includes('HTTPServer')) return pythonServerProgram();
  if (path === 'server.js' && source.includes('createServer')) return nodeServerProgram();
  if (path === 'hello.py' && source.includes('def greet')) return helloWorldProgram();
  const task = /^TASK = "(.*)"$/m.exec(source)?.[1];
  if (path.endsWith('.py') && task !== undefined) return genericProgram(task, path);
  return undefined;
}
