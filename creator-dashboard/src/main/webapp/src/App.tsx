import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { lazy, ReactNode, Suspense } from 'react';
import { useAuth } from './lib/auth';
import { Layout } from './components/Layout';
import { Spinner } from './components/ui';
import { SignInPage } from './pages/SignInPage';
import { AuthCallbackPage } from './pages/AuthCallbackPage';
import { LivePage } from './pages/LivePage';
import { MenuPage } from './pages/MenuPage';
import { ChatbotPage } from './pages/ChatbotPage';
import { ObsPage } from './pages/ObsPage';
import { AnalyticsPage } from './pages/AnalyticsPage';
import { ConnectorsPage } from './pages/ConnectorsPage';

// LiveKit's SDK is most of the bundle: only the pages that play or publish video load it.
const GoLivePage = lazy(() => import('./pages/GoLivePage').then((m) => ({ default: m.GoLivePage })));
const WatchPage = lazy(() => import('./pages/WatchPage').then((m) => ({ default: m.WatchPage })));

// Keep in step with realtime-gateway DashboardPage.CLIENT_ROUTES and deploy/kubernetes/ingress.yaml.
export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/auth/callback" element={<AuthCallbackPage />} />
      <Route path="/watch/:username" element={<Suspense fallback={<Spinner />}><WatchPage /></Suspense>} />
      <Route path="/live" element={<Protected><LivePage /></Protected>} />
      <Route path="/menu" element={<Protected><MenuPage /></Protected>} />
      <Route path="/chatbot" element={<Protected><ChatbotPage /></Protected>} />
      <Route path="/obs" element={<Protected><ObsPage /></Protected>} />
      <Route path="/go-live" element={<Protected><Suspense fallback={<Spinner />}><GoLivePage /></Suspense></Protected>} />
      <Route path="/analytics" element={<Protected><AnalyticsPage /></Protected>} />
      <Route path="/connectors" element={<Protected><ConnectorsPage /></Protected>} />
      <Route path="*" element={<Navigate to="/live" replace />} />
    </Routes>
  );
}

function Protected({ children }: { children: ReactNode }) {
  const { creator, settings, settingsError } = useAuth();
  const location = useLocation();
  if (!creator) {
    if (!settings && !settingsError) return <Spinner label="Starting…" />;
    return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  }
  return <Layout>{children}</Layout>;
}
