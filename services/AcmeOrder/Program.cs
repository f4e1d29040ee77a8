// AcmeOrder: owns ACME accounts (per issuer) and Orders; turns a CertificateRequest into one order, its challenges and a chain.
using CertMesh.AcmeOrder;
using CertMesh.Hosting;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddAcmeOrderServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
