// Preloaded (`node --import`) into servers that cannot be told where to bind: json-server 1.0
// beta calls `app.listen(port, cb)`, which binds every interface. The bench binds 127.0.0.1 only.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};
