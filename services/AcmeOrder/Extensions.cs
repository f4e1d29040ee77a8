using CertMesh.Hosting;

namespace CertMesh.AcmeOrder;

internal static class Extensions
{
    public static void AddAcmeOrderServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus => { });
    }
}
