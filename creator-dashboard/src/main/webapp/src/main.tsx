import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { AuthProvider } from './lib/auth';
import { UnitProvider } from './lib/unit';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <AuthProvider>
        <UnitProvider>
          <App />
        </UnitProvider>
      </AuthProvider>
    </BrowserRouter>
  </StrictMode>,
);
