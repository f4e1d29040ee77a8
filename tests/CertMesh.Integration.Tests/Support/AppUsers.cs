using System.Diagnostics;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// RabbitMQ users of applications, made as an operator makes them: <c>deploy/local/add-app-user.sh</c> (which calls
/// <c>rabbitmq_ensure_app_user</c>), on the suite's vhost, against the node infra-up.sh started.
/// </summary>
internal static class AppUsers
{
    public static string VirtualHost => TestEnvironment.RabbitMq.AbsolutePath.Trim('/') is { Length: > 0 } vhost ? vhost : "/";

    /// <returns>the password the script set, and the Principal and RoleBinding YAML it printed for an admin to apply.</returns>
    public static async Task<(string Password, string Yaml)> CreateAsync(string name, params string[] namespaces)
    {
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var start = new ProcessStartInfo(Path.Combine(TestEnvironment.RepositoryRoot, "deploy/local/add-app-user.sh"), ["--vhost", VirtualHost, name, .. namespaces])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CERTMESH_APP_PASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"add-app-user.sh {name} failed ({process.ExitCode}): {await error}{await output}");
        return (password, await output);
    }
}
