using System.Text.Json;
using CertMesh.Cli.Resources;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Resources;

public sealed class AuthTablesTests
{
    private static List<JsonElement> Items(params string[] json) => json.Select(j => JsonDocument.Parse(j).RootElement.Clone()).ToList();

    [Fact]
    public void Format_Principals_CountOnlyTokensNeitherRevokedNorExpired()
    {
        var table = ResourceTables.Format(Kinds.Principal, Items(AuthSamples.Principal, AuthSamples.DisabledPrincipal), true, false, CliRun.Now);

        Assert.Equal("""
            NAME   RABBITMQ USER   TOKENS   DISABLED   AGE
            ci     ci-bus          2        false      24h
            old                    0        true       30d

            """, table);
    }

    [Fact]
    public void Format_PrincipalsWide_AddsDescription()
    {
        var table = ResourceTables.Format(Kinds.Principal, Items(AuthSamples.Principal), false, true, CliRun.Now);

        Assert.Contains("DESCRIPTION", table);
        Assert.Contains("the deploy pipeline", table);
    }

    [Fact]
    public void Format_RoleBindingsAcrossNamespaces_ShowRoleAndSubjects()
    {
        var table = ResourceTables.Format(Kinds.RoleBinding, Items(AuthSamples.RoleBinding), true, false, CliRun.Now);

        Assert.Equal("""
            NAMESPACE   NAME           ROLE   SUBJECTS   AGE
            shop        shop-editors   edit   alice,ci   60m

            """, table);
    }

    [Fact]
    public void Format_ClusterIssuerGrants_ListIssuersAndNamespaces()
    {
        var table = ResourceTables.Format(Kinds.ClusterIssuerGrant, Items(AuthSamples.ClusterIssuerGrant), true, false, CliRun.Now);

        Assert.Equal("""
            NAME          CLUSTERISSUERS   NAMESPACES   AGE
            public-acme   letsencrypt      shop,blog    2m

            """, table);
    }
}
