/** The React components FrontEndAgent "writes", with their tests. */

import type { CommandRun } from './code-templates.js';

export interface ComponentTemplate {
  name: string;
  path: string;
  source: string;
  summary: string;
  usage: string;
  test: { path: string; source: string; run: CommandRun; count: number };
}

const KEYWORDS: readonly [RegExp, string][] = [
  [/\bcounter\b/i, 'Counter'],
  [/\btodo/i, 'TodoList'],
  [/\b(login|sign[- ]?in)\b/i, 'LoginForm'],
  [/\bnav(bar|igation)?\b/i, 'Navbar'],
  [/\bbutton\b/i, 'Button'],
  [/\bcard\b/i, 'Card'],
  [/\bmodal|dialog\b/i, 'Modal'],
];

/** The component name a request asks for; `FeaturePanel` when nothing is recognised. */
export function componentNameFor(prompt: string): string {
  return KEYWORDS.find(([pattern]) => pattern.test(prompt))?.[1] ?? 'FeaturePanel';
}

function vitestOutput(path: string, count: number): string {
  return ` ✓ ${path} (${count} tests) 24ms\n\n Test Files  1 passed (1)\n      Tests  ${count} passed (${count})`;
}

function testFor(name: string, count: number, body: string): ComponentTemplate['test'] {
  const path = `src/components/${name}.test.tsx`;
  return {
    path,
    count,
    run: { command: `npx vitest run ${path}`, output: vitestOutput(path, count) },
    source: `import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ${name} } from './${name}';

describe('${name}', () => {
${body}});
`,
  };
}

function counter(): ComponentTemplate {
  return {
    name: 'Counter',
    path: 'src/components/Counter.tsx',
    summary: 'a `Counter` with increment, decrement and reset buttons',
    usage: '<Counter initial={0} step={1} />',
    source: `import { useState } from 'react';

export interface CounterProps {
  initial?: number;
  step?: number;
}

export function Counter({ initial = 0, step = 1 }: CounterProps) {
  const [count, setCount] = useState(initial);
  return (
    <div className="counter" role="group" aria-label="Counter">
      <button type="button" onClick={() => setCount((c) => c - step)} aria-label="Decrement">
        −
      </button>
      <output aria-live="polite">{count}</output>
      <button type="button" onClick={() => setCount((c) => c + step)} aria-label="Increment">
        +
      </button>
      <button type="button" onClick={() => setCount(initial)}>
        Reset
      </button>
    </div>
  );
}
`,
    test: testFor(
      'Counter',
      2,
      `  it('increments and decrements', () => {
    render(<Counter initial={1} />);
    fireEvent.click(screen.getByLabelText('Increment'));
    expect(screen.getByRole('status')).toHaveTextContent('2');
    fireEvent.click(screen.getByLabelText('Decrement'));
    expect(screen.getByRole('status')).toHaveTextContent('1');
  });

  it('resets to the initial value', () => {
    render(<Counter initial={3} step={2} />);
    fireEvent.click(screen.getByLabelText('Increment'));
    fireEvent.click(screen.getByText('Reset'));
    expect(screen.getByRole('status')).toHaveTextContent('3');
  });
`,
    ),
  };
}

function todoList(): ComponentTemplate {
  return {
    name: 'TodoList',
    path: 'src/components/TodoList.tsx',
    summary: 'a `TodoList` where items can be added and ticked off',
    usage: "<TodoList initialItems={['Write tests']} />",
    source: `import { type FormEvent, useState } from 'react';

interface Todo {
  id: number;
  text: string;
  done: boolean;
}

export function TodoList({ initialItems = [] }: { initialItems?: string[] }) {
  const [todos, setTodos] = useState<Todo[]>(() =>
    initialItems.map((text, id) => ({ id, text, done: false })),
  );
  const [draft, setDraft] = useState('');

  function add(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setTodos((items) => [...items, { id: Date.now(), text, done: false }]);
    setDraft('');
  }

  return (
    <section className="todo-list">
      <form onSubmit={add}>
        <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Add a task…" />
        <button type="submit">Add</button>
      </form>
      <ul>
        {todos.map((todo) => (
          <li key={todo.id}>
            <label>
              <input
                type="checkbox"
                checked={todo.done}
                onChange={() =>
                  setTodos((items) =>
                    items.map((t) => (t.id === todo.id ? { ...t, done: !t.done } : t)),
                  )
                }
              />
              {todo.text}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
`,
    test: testFor(
      'TodoList',
      2,
      `  it('adds an item', () => {
    render(<TodoList />);
    fireEvent.change(screen.getByPlaceholderText('Add a task…'), { target: { value: 'Ship it' } });
    fireEvent.click(screen.getByText('Add'));
    expect(screen.getByText('Ship it')).toBeInTheDocument();
  });

  it('ticks an item off', () => {
    render(<TodoList initialItems={['Write tests']} />);
    const checkbox = screen.getByRole('checkbox');
    fireEvent.click(checkbox);
    expect(checkbox).toBeChecked();
  });
`,
    ),
  };
}

function loginForm(): ComponentTemplate {
  return {
    name: 'LoginForm',
    path: 'src/components/LoginForm.tsx',
    summary: 'an accessible `LoginForm` with client-side validation',
    usage: '<LoginForm onSubmit={(email, password) => signIn(email, password)} />',
    source: `import { type FormEvent, useState } from 'react';

export interface LoginFormProps {
  onSubmit: (email: string, password: string) => void;
}

export function LoginForm({ onSubmit }: LoginFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.includes('@')) return setError('Please enter a valid e-mail address.');
    if (password.length < 8) return setError('The password needs at least 8 characters.');
    setError(null);
    onSubmit(email, password);
  }

  return (
    <form className="login-form" onSubmit={submit} noValidate>
      <label>
        E-mail
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit">Sign in</button>
    </form>
  );
}
`,
    test: testFor(
      'LoginForm',
      2,
      `  it('rejects an invalid e-mail address', () => {
    render(<LoginForm onSubmit={() => {}} />);
    fireEvent.click(screen.getByText('Sign in'));
    expect(screen.getByRole('alert')).toHaveTextContent('valid e-mail');
  });

  it('submits valid credentials', () => {
    const received: string[] = [];
    render(<LoginForm onSubmit={(email) => received.push(email)} />);
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'zoe@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByText('Sign in'));
    expect(received).toEqual(['zoe@example.com']);
  });
`,
    ),
  };
}

function panel(name: string, prompt: string): ComponentTemplate {
  const title = prompt
    .replace(/\s+/g, ' ')
    .replace(/[{}<>`'"\\]/g, '')
    .trim()
    .slice(0, 60);
  return {
    name,
    path: `src/components/${name}.tsx`,
    summary: `a \`${name}\` component with a title, body and an optional action`,
    usage: `<${name} title="${title}" actionLabel="Continue" onAction={() => {}}>…</${name}>`,
    source: `import type { ReactNode } from 'react';

export interface ${name}Props {
  title: string;
  children?: ReactNode;
  actionLabel?: string;
  onAction?: () => void;
}

export function ${name}({ title, children, actionLabel, onAction }: ${name}Props) {
  return (
    <section className="${name.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase())}">
      <h2>{title}</h2>
      <div>{children}</div>
      {actionLabel && onAction && (
        <button type="button" onClick={onAction}>
          {actionLabel}
        </button>
      )}
    </section>
  );
}
`,
    test: testFor(
      name,
      2,
      `  it('shows its title', () => {
    render(<${name} title="Café menu" />);
    expect(screen.getByRole('heading')).toHaveTextContent('Café menu');
  });

  it('calls the action', () => {
    let clicks = 0;
    render(<${name} title="t" actionLabel="Go" onAction={() => { clicks += 1; }} />);
    fireEvent.click(screen.getByText('Go'));
    expect(clicks).toBe(1);
  });
`,
    ),
  };
}

/** The component for a request. */
export function componentFor(prompt: string): ComponentTemplate {
  const name = componentNameFor(prompt);
  if (name === 'Counter') return counter();
  if (name === 'TodoList') return todoList();
  if (name === 'LoginForm') return loginForm();
  return panel(name, prompt);
}

/** Recognises a component this module wrote, so "now add tests" can build on it. */
export function componentForFile(path: string, source: string): ComponentTemplate | undefined {
  const name = /^src\/components\/([A-Za-z]+)\.tsx$/.exec(path)?.[1];
  if (name === undefined || !source.includes(`export function ${name}(`)) return undefined;
  if (name === 'Counter') return counter();
  if (name === 'TodoList') return todoList();
  if (name === 'LoginForm') return loginForm();
  return panel(name, name);
}
