namespace CertMesh.Domain.Resources;

/// <summary>Setting a condition keeps its transition time unless its status changes, as Kubernetes does.</summary>
public static class Conditions
{
    public static IReadOnlyList<Condition> Set(IReadOnlyList<Condition>? existing, Condition next)
    {
        var list = (existing ?? []).ToList();
        var index = list.FindIndex(c => c.Type == next.Type);
        if (index < 0)
        {
            list.Add(next);
            return list;
        }
        var previous = list[index];
        list[index] = previous.Status == next.Status ? next with { LastTransitionTime = previous.LastTransitionTime } : next;
        return list;
    }

    public static IReadOnlyList<Condition> Remove(IReadOnlyList<Condition>? existing, string type) =>
        (existing ?? []).Where(c => c.Type != type).ToList();

    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == ConditionStatus.True;
}
