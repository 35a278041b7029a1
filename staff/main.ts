// The back office's entry: one element, <cc-staff-app>, in staff/index.html.
import './app.ts';
