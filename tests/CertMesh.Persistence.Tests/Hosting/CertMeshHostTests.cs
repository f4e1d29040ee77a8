using CertMesh.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace CertMesh.Persistence.Tests.Hosting;

public sealed class CertMeshHostTests
{
    [Fact]
    public void CreateBuilder_DefaultArgs_NoConfigurationFileWatchesForChanges()
    {
        var builder = CertMeshHost.CreateBuilder([]);

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();

        Assert.Contains(files, source => source is JsonConfigurationSource { Path: "appsettings.json" });
        Assert.All(files, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched for changes"));
    }

    [Fact]
    public void CreateBuilder_CallerAsksForReload_StillReadOnce()
    {
        var builder = CertMeshHost.CreateBuilder(["--hostBuilder:reloadConfigOnChange=true", "--CERTMESH_X=1"]);

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>();

        Assert.All(files, source => Assert.False(source.ReloadOnChange));
        Assert.Equal("1", builder.Configuration["CERTMESH_X"]);
    }
}
