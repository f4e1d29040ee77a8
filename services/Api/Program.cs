// Api: HTTP/JSON facade for people and the certmesh CLI: apply cert-manager YAML, read resources and events, renew, read and write secrets — every call authenticated (bearer token of a Principal) and authorized per namespace; owns principals, bindings and ClusterIssuer grants.
using CertMesh.Api;
using CertMesh.Hosting;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddApiServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.MapApiEndpoints();
app.Run();
