namespace Qifu.Web.Modules.Shared;

/// <summary>A code with the name users see (a service category, a region) as API answers carry it.</summary>
public sealed record Named(string Code, string Name);
