// KeyManager: owns private keys; generates or reuses the key each Issuing saga asks for straight into the encrypted secret store.
using CertMesh.Hosting;
using CertMesh.KeyManager;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddKeyManagerServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
