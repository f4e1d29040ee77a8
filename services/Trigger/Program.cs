// Trigger: owns Certificate spec and status; admits IssueCertificate, decides when a revision must be issued, sweeps renewals.
using CertMesh.Hosting;
using CertMesh.Trigger;

var builder = WebApplication.CreateBuilder(args);
builder.AddTriggerServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
