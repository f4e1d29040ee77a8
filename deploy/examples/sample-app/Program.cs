// An application that gets its HTTPS certificate from CertMesh: the two CertMesh lines are the whole integration.
using CertMesh.Client;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCertMesh(builder.Configuration);
builder.WebHost.UseCertMeshHttps("checkout");

var app = builder.Build();
app.MapGet("/", (ICertMeshCertificates certificates) =>
    certificates.GetCertificate("checkout") is { } served
        ? $"checkout serves serial {served.SerialNumber}, valid until {served.NotAfter.ToUniversalTime():O}\n"
        : "checkout has no certificate yet\n");
app.MapHealthChecks("/health");
app.Run();
