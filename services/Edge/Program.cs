// Edge: the public HTTP entry. Answers ACME HTTP-01 challenges from the token store, forwards the rest (YARP).
using CertMesh.Edge;
using CertMesh.Hosting;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddEdgeServices();

var app = builder.Build();
app.UseEdge();
app.Run();
