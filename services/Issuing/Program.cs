// Issuing: owns CertificateRequests and certificate Secrets; its saga runs every revision from request to outcome.
using CertMesh.Hosting;
using CertMesh.Issuing;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddIssuingServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
