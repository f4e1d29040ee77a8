// DnsWebhook: owns DNS provider configuration; presents and cleans up DNS-01 TXT values via RFC 2136 or cert-manager webhook solvers.
using CertMesh.DnsWebhook;
using CertMesh.Hosting;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddDnsWebhookServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
