// Trigger: owns Certificate spec and status (the only writer); admits IssueCertificate, decides when a revision must be issued, records its outcome, sweeps renewals.
using CertMesh.Hosting;
using CertMesh.Trigger;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddTriggerServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
