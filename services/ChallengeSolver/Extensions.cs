using CertMesh.Hosting;

namespace CertMesh.ChallengeSolver;

internal static class Extensions
{
    public static void AddChallengeSolverServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus => { });
    }
}
