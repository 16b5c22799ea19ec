/**
 * The sandbox's entry (sandbox.html): the real task pane on an in-memory workbook, for trying the
 * add-in without Excel (`npm start` opens it) and for the end-to-end tests.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SandboxApp } from './SandboxApp';

const element = document.getElementById('root');
if (!element) throw new Error('sandbox.html has no #root element');
createRoot(element).render(
  <StrictMode>
    <SandboxApp />
  </StrictMode>,
);
