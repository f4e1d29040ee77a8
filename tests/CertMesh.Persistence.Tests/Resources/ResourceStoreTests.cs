using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Resources;

public sealed class ResourceStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task CreateAsync_NewKey_GetReturnsDocumentAtVersionOne()
    {
        var key = new ResourceKey(Widget.Kind, "crud", "create");
        var due = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var widget = Widget.Named(key.Namespace, key.Name, size: 7);

        var version = await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, widget.Metadata.Uid, widget, due, None), None);
        var stored = await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None);

        Assert.Equal(1, version);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.ResourceVersion);
        Assert.Equal(due, stored.DueAt);
        Assert.Equal(widget.Spec, stored.Document.Spec);
        Assert.Equal(widget.Metadata with { ResourceVersion = 1 }, stored.Document.Metadata);
    }

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        var stored = await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(new ResourceKey(Widget.Kind, "crud", "absent"), None), None);

        Assert.Null(stored);
    }

    [Fact]
    public async Task CreateAsync_ExistingKey_ThrowsConflictAndKeepsFirst()
    {
        var key = new ResourceKey(Widget.Kind, "crud", "twice");
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name, size: 1), null, None), None);

        var conflict = await Assert.ThrowsAsync<ResourceConflictException>(() =>
            _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name, size: 2), null, None), None));

        Assert.Equal(Widget.Kind, conflict.Kind);
        Assert.Contains("already exists", conflict.Message);
        var stored = await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None);
        Assert.Equal(1, stored!.Document.Spec.Size);
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_IncrementsVersionAndCopiesItIntoMetadata()
    {
        var key = new ResourceKey(Widget.Kind, "crud", "update");
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, None), None);

        for (var expected = 1L; expected <= 3; expected++)
        {
            var current = await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None);
            var changed = current!.Document with { Spec = current.Document.Spec with { Size = (int)expected * 10 } };
            var next = await _db.Database.RunAsync(u => u.Resources.UpdateAsync(key, changed, current.ResourceVersion, null, None), None);
            Assert.Equal(expected + 1, next);
        }

        var stored = await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None);
        Assert.Equal(4, stored!.ResourceVersion);
        Assert.Equal(4, stored.Document.Metadata.ResourceVersion);
        Assert.Equal(30, stored.Document.Spec.Size);
        // The stored JSON itself carries the version, not only the deserialized copy.
        Assert.Equal("4", await _db.ScalarAsync<string>(
            "SELECT doc->'metadata'->>'resourceVersion' FROM resources WHERE kind = @k AND namespace = @ns AND name = @n",
            ("k", key.Kind), ("ns", key.Namespace), ("n", key.Name)));
        Assert.Equal(4L, await _db.ScalarAsync<long>(
            "SELECT resource_version FROM resources WHERE kind = @k AND namespace = @ns AND name = @n",
            ("k", key.Kind), ("ns", key.Namespace), ("n", key.Name)));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConflictAndLeavesDocumentUnchanged()
    {
        var key = new ResourceKey(Widget.Kind, "crud", "stale");
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name, size: 1), null, None), None);
        var first = await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None);
        // Someone else updates first ...
        await _db.Database.RunAsync(u => u.Resources.UpdateAsync(key, first!.Document with { Spec = new WidgetSpec { Size = 2 } }, 1, null, None), None);
        var before = await RawDocumentAsync(key);

        // ... so an update naming version 1 must not overwrite it.
        var conflict = await Assert.ThrowsAsync<ResourceConflictException>(() =>
            _db.Database.RunAsync(u => u.Resources.UpdateAsync(key, first!.Document with { Spec = new WidgetSpec { Size = 99 } }, 1, null, None), None));

        Assert.Contains("expected resourceVersion 1", conflict.Message);
        Assert.Equal(before, await RawDocumentAsync(key));
        var stored = await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None);
        Assert.Equal(2, stored!.ResourceVersion);
        Assert.Equal(2, stored.Document.Spec.Size);
    }

    [Fact]
    public async Task UpdateAsync_DeletedResource_ThrowsConflict()
    {
        var key = new ResourceKey(Widget.Kind, "crud", "update-deleted");
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, None), None);
        await _db.Database.RunAsync(u => u.Resources.DeleteAsync(key, None), None);

        await Assert.ThrowsAsync<ResourceConflictException>(() =>
            _db.Database.RunAsync(u => u.Resources.UpdateAsync(key, Widget.Named(key.Namespace, key.Name), 1, null, None), None));
        Assert.Null(await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None));
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItAndSecondDeleteReturnsFalse()
    {
        var key = new ResourceKey(Widget.Kind, "crud", "delete");
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, None), None);

        Assert.True(await _db.Database.RunAsync(u => u.Resources.DeleteAsync(key, None), None));
        Assert.False(await _db.Database.RunAsync(u => u.Resources.DeleteAsync(key, None), None));
        Assert.Null(await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None));
    }

    [Fact]
    public async Task ListAsync_ByKindAndNamespace_ReturnsMatchesOrderedByNamespaceAndName()
    {
        const string kind = "ListedWidget";
        (string Ns, string Name)[] keys = [("ns-b", "zeta"), ("ns-a", "beta"), ("ns-b", "alpha"), ("ns-a", "alpha")];
        foreach (var (ns, name) in keys)
            await _db.Database.RunAsync(u => u.Resources.CreateAsync(new ResourceKey(kind, ns, name), Guid.NewGuid(), Widget.Named(ns, name), null, None), None);
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(new ResourceKey("OtherKind", "ns-a", "alpha"), Guid.NewGuid(), Widget.Named("ns-a", "alpha"), null, None), None);

        var all = await _db.Database.RunAsync(u => u.Resources.ListAsync<Widget>(kind, null, None), None);
        var inB = await _db.Database.RunAsync(u => u.Resources.ListAsync<Widget>(kind, "ns-b", None), None);
        var none = await _db.Database.RunAsync(u => u.Resources.ListAsync<Widget>(kind, "ns-c", None), None);

        Assert.Equal(["ns-a/alpha", "ns-a/beta", "ns-b/alpha", "ns-b/zeta"], all.Select(Describe));
        Assert.Equal(["ns-b/alpha", "ns-b/zeta"], inB.Select(Describe));
        Assert.Empty(none);
        Assert.All(all, s => Assert.Equal(1, s.Document.Metadata.ResourceVersion));
    }

    static string Describe(Stored<Widget> stored) => $"{stored.Document.Metadata.Namespace}/{stored.Document.Metadata.Name}";

    Task<string> RawDocumentAsync(ResourceKey key) =>
        _db.ScalarAsync<string>("SELECT doc::text FROM resources WHERE kind = @k AND namespace = @ns AND name = @n",
            ("k", key.Kind), ("ns", key.Namespace), ("n", key.Name));
}
