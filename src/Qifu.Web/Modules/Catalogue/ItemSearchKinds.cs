namespace Qifu.Web.Modules.Catalogue;

/// <summary>The kind name service items carry in the search index and its change log.</summary>
public static class ItemSearchKinds
{
    public const string Item = "item";
}
