using Microsoft.AspNetCore.Builder;

namespace CertMesh.Hosting;

/// <summary>
/// The host builder every service starts from. Configuration is read once, at start. With reload-on-change (the
/// default) the host watches its content root — the working directory — recursively for appsettings files; run from
/// the repository, beside PostgreSQL's data and the services' logs, every WAL write and log line woke a
/// FileSystemWatcher in each of the ten processes (13 % of KeyManager's CPU under load; dotnet/runtime#121256).
/// CertMesh takes its settings from the environment and the command line, and is restarted to change them.
/// </summary>
public static class CertMeshHost
{
    const string NoReload = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplicationBuilder CreateBuilder(string[] args) => WebApplication.CreateBuilder([.. args, NoReload]);
}
