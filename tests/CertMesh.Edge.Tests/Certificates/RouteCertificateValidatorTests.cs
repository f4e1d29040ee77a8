using CertMesh.Contracts;
using CertMesh.Domain.Validation;
using CertMesh.Edge.Certificates;

namespace CertMesh.Edge.Tests.Certificates;

public sealed class RouteCertificateValidatorTests
{
    static readonly RouteCertificateOptions Options = new() { Namespace = "edge" };

    /// <summary>Issuers by name, as PostgreSQL would answer; anything else does not exist.</summary>
    sealed class Issuers(params (string Name, IssuerLookup Lookup)[] known) : IIssuerLookups
    {
        public List<IssuerReference> Asked { get; } = [];
        public Exception? Failure { get; init; }

        public Task<IReadOnlyList<IssuerLookup>> FindAsync(string @namespace, IReadOnlyList<IssuerReference> issuerRefs, CancellationToken cancellationToken)
        {
            if (Failure is not null)
                throw Failure;
            Asked.AddRange(issuerRefs);
            return Task.FromResult<IReadOnlyList<IssuerLookup>>(issuerRefs
                .Select(r => known.FirstOrDefault(k => k.Name == r.Name).Lookup ?? IssuerLookup.NotFound).ToList());
        }
    }

    static readonly Issuers PebbleHttp01 = new(("pebble-http01", IssuerLookup.Of(IssuerType.Acme, acmeHttp01Only: true)));

    static RouteInput Route(string id, string[]? hosts, params (string Key, string Value)[] metadata) =>
        new(id, hosts, metadata.ToDictionary(m => m.Key, m => m.Value));

    [Fact]
    public async Task ValidateAsync_ExistingIssuerAndValidHosts_NoErrors()
    {
        var validator = new RouteCertificateValidator(PebbleHttp01, Options);

        var errors = await validator.ValidateAsync([Route("app", ["app.example.test"], (RouteAnnotations.ClusterIssuer, "pebble-http01"))], CancellationToken.None);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task ValidateAsync_UnknownClusterIssuer_NamesRouteAnnotationAndIssuer()
    {
        var validator = new RouteCertificateValidator(PebbleHttp01, Options);

        var errors = await validator.ValidateAsync([Route("app", ["app.example.test"], (RouteAnnotations.ClusterIssuer, "nope"))], CancellationToken.None);

        var error = Assert.Single(errors);
        Assert.Equal($"route 'app': Metadata.{RouteAnnotations.ClusterIssuer}: Not found: ClusterIssuer \"nope\" does not exist", error);
    }

    [Fact]
    public async Task ValidateAsync_UnknownIssuer_IsLookedUpInTheEdgeNamespace()
    {
        var issuers = new Issuers();
        var validator = new RouteCertificateValidator(issuers, Options);

        var errors = await validator.ValidateAsync([Route("app", ["app.example.test"], (RouteAnnotations.Issuer, "local-ca"))], CancellationToken.None);

        Assert.Equal($"route 'app': Metadata.{RouteAnnotations.Issuer}: Not found: Issuer \"local-ca\" in namespace \"edge\" does not exist", Assert.Single(errors));
        Assert.Equal(("local-ca", "Issuer"), (issuers.Asked[0].Name, issuers.Asked[0].Kind));
    }

    [Fact]
    public async Task ValidateAsync_WildcardHostWithHttp01OnlyIssuer_NamesTheHost()
    {
        var validator = new RouteCertificateValidator(PebbleHttp01, Options);

        var errors = await validator.ValidateAsync([Route("apps", ["*.apps.example.test"], (RouteAnnotations.ClusterIssuer, "pebble-http01"))], CancellationToken.None);

        Assert.StartsWith("route 'apps': Match.Hosts \"*.apps.example.test\": ", Assert.Single(errors));
    }

    [Fact]
    public async Task ValidateAsync_BadAnnotationValue_NamesTheAnnotation()
    {
        var validator = new RouteCertificateValidator(PebbleHttp01, Options);

        var errors = await validator.ValidateAsync([Route("app", ["app.example.test"],
            (RouteAnnotations.ClusterIssuer, "pebble-http01"), (RouteAnnotations.Duration, "ninety days"), (RouteAnnotations.PrivateKeyAlgorithm, "rsa"))], CancellationToken.None);

        Assert.Contains(errors, e => e.StartsWith($"route 'app': Metadata.{RouteAnnotations.Duration}: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"route 'app': Metadata.{RouteAnnotations.PrivateKeyAlgorithm}: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_SeveralBadRoutes_ReportsEveryOne()
    {
        var validator = new RouteCertificateValidator(PebbleHttp01, Options);

        var errors = await validator.ValidateAsync([
            Route("good", ["good.example.test"], (RouteAnnotations.ClusterIssuer, "pebble-http01")),
            Route("bad-host", ["bad_host.example.test"], (RouteAnnotations.ClusterIssuer, "pebble-http01")),
            Route("bad-issuer", ["x.example.test"], (RouteAnnotations.ClusterIssuer, "missing")),
            Route("plain", null),
        ], CancellationToken.None);

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("route 'bad-host': Match.Hosts \"bad_host.example.test\": ", errors[0]);
        Assert.StartsWith($"route 'bad-issuer': Metadata.{RouteAnnotations.ClusterIssuer}: Not found", errors[1]);
    }

    [Fact]
    public async Task ValidateAsync_NoRouteNamesAnIssuer_NeverAsksTheDatabase()
    {
        var issuers = new Issuers { Failure = new InvalidOperationException("no database") };
        var validator = new RouteCertificateValidator(issuers, Options);

        Assert.Empty(await validator.ValidateAsync([Route("plain", ["app.example.test"])], CancellationToken.None));
    }

    [Fact]
    public async Task ValidateAsync_LookupFails_IsAnErrorSoThePreviousRoutesStay()
    {
        var validator = new RouteCertificateValidator(new Issuers { Failure = new TimeoutException("database unreachable") }, Options);

        var errors = await validator.ValidateAsync([Route("app", ["app.example.test"], (RouteAnnotations.ClusterIssuer, "pebble-http01"))], CancellationToken.None);

        Assert.Contains("could not be looked up", Assert.Single(errors));
    }
}
