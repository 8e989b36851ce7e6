// An integrator's page: its backend created the session and handed the page a client token (here: ?token=...).
// The capture runs against the Verilock service on another origin (?baseUrl=...).
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { VerilockCapture } from '@verilock/react';
import './app.css';

const params = new URLSearchParams(location.search);
const trace = (window.verilockTrace = []);
const log = (type, data) => trace.push({ t: Math.round(performance.now()), type, ...data });

function Checkout() {
  const [state, setState] = useState('capturing');
  return (
    <>
      <VerilockCapture
        clientToken={params.get('token')}
        baseUrl={params.get('baseUrl')}
        locale={params.get('locale') || 'en'}
        strings={{ title: 'Quick selfie check', intro: 'Example Shop verifies that you are a real person.' }}
        theme={{ accent: '#6b21a8', radius: '16px' }}
        onProgress={(p) => log('progress', p)}
        onComplete={(r) => { log('complete', r); document.body.dataset.sdkComplete = r.status; setState('sent'); }}
        onError={(e) => { log('error', e); document.body.dataset.sdkError = e.code; setState('error'); }}
      />
      <p className="shop-state" data-state={state}>{state === 'sent' ? 'Thanks! We will confirm your order shortly.' : ''}</p>
    </>
  );
}

createRoot(document.getElementById('app')).render(<React.StrictMode><Checkout /></React.StrictMode>);
