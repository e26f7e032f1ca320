namespace Qifu.Web.Modules.Institutions.Data;

public static class InstitutionKinds
{
    public static string Label(InstitutionKind kind) => kind switch
    {
        InstitutionKind.General => "一般服务机构",
        InstitutionKind.Bank => "合作银行",
        _ => kind.ToString(),
    };
}
