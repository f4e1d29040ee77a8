// ChallengeSolver: owns Challenges and HTTP-01 tokens; schedules, presents, self-checks, accepts and cleans up, as N replicas.
using CertMesh.ChallengeSolver;
using CertMesh.Hosting;

var builder = CertMeshHost.CreateBuilder(args);
builder.AddChallengeSolverServices();

var app = builder.Build();
app.MapCertMeshHealth();
app.Run();
