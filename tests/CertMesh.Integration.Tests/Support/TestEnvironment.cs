namespace CertMesh.Integration.Tests.Support;

/// <summary>Where the real servers are: the variables deploy/local/infra-up.sh writes, with its loopback defaults.</summary>
internal static class TestEnvironment
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("CERTMESH_POSTGRES") ?? "Host=127.0.0.1;Port=5433;Username=certmesh;Password=certmesh;Database=certmesh";

    public static Uri RabbitMq =>
        new(Environment.GetEnvironmentVariable("CERTMESH_TEST_RABBITMQ") ?? "rabbitmq://127.0.0.1:5673/certmesh-test");

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The build configuration this test assembly was built in; the services are run from the same one.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CertMesh.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find CertMesh.sln above " + AppContext.BaseDirectory);
    }
}
