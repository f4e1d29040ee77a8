// Issuing: owns CertificateRequests and certificate Secrets; runs the issuance saga of every revision.
using CertMesh.Hosting;
using CertMesh.Issuing;

var builder = WebApplication.CreateBuilder(args);
builder.AddIssuingServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
