// The baseline of the token endpoint: oidc-provider with its defaults (in-memory adapter,
// development keys) and one static client, so the gap to mon-compte is what mon-compte adds
// (its storage, its middleware), not what oidc-provider itself costs.
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const [clientId, clientSecret] = [process.argv[3]!, process.argv[4]!];

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ],
  features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
});
const server = provider.listen(port, () => process.send!({ ready: true }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
