using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.RegisterEnterprise;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Platform.Demo;

public sealed record DemoAccount(string Role, string Phone, string Name, string? Region, string Note, string? Org = null);

/// <summary>
/// Hengyang demo data written by the Qifu team: one account per role, a few dozen enterprises and institutions
/// in every status. All names, people and numbers are invented.
/// </summary>
public sealed class DemoData(AppDbContext db, UserManager<AppUser> users, FileStore files, TimeProvider clock)
{
    public const string Password = "Qifu-Demo-2026";

    public static readonly DemoAccount[] Accounts =
    [
        new(Roles.CityOperator, "13907340001", "周敏", RegionCodes.City, "市级运营（衡阳市中小企业服务中心）"),
        new(Roles.CountyOperator, "13907340405", "陈立", "430405", "区县运营（珠晖区）"),
        new(Roles.CountyOperator, "13907340421", "刘芳", "430421", "区县运营（衡阳县）"),
        new(Roles.Enterprise, "13807340001", "王建国", null, "企业用户（衡阳恒远机械制造有限公司，已通过）", "衡阳恒远机械制造有限公司"),
        new(Roles.Enterprise, "13807340002", "李娟", null, "企业用户（衡阳县湘南茶业有限公司，待审核）", "衡阳县湘南茶业有限公司"),
        new(Roles.Institution, "13707340001", "赵新", null, "服务机构（湖南衡信会计师事务所，已入驻）", "湖南衡信会计师事务所有限公司"),
        new(Roles.Institution, "13707340002", "孙磊", null, "合作银行（衡阳农村商业银行珠晖支行，已入驻）", "衡阳农村商业银行股份有限公司珠晖支行"),
    ];

    private sealed record DemoEnterprise(string Name, string Region, string Division, int Employees, decimal Revenue, decimal Assets,
        string Contact, char Status, string? Reason = null);

    // Status: A approved, S submitted (待审核), R rejected.
    private static readonly DemoEnterprise[] Enterprises =
    [
        new("衡阳恒远机械制造有限公司", "430405", "34", 128, 6800, 9200, "王建国", 'A'),
        new("衡阳县湘南茶业有限公司", "430421", "15", 42, 1600, 2100, "李娟", 'S'),
        new("衡阳市珠晖区云帆软件科技有限公司", "430405", "65", 36, 820, 460, "何晓东", 'A'),
        new("衡阳鑫源电子材料有限公司", "430405", "39", 210, 15600, 18800, "邓海", 'S'),
        new("衡阳市雁峰区好味来餐饮管理有限公司", "430406", "62", 58, 960, 300, "彭丽", 'A'),
        new("衡阳石鼓区书香文化传媒有限公司", "430407", "86", 14, 260, 180, "唐文", 'S'),
        new("衡阳蒸湘区智联物流有限公司", "430408", "54", 95, 4200, 3900, "曾凡", 'A'),
        new("南岳区衡岳旅游服务有限公司", "430412", "72", 23, 540, 610, "罗云", 'R', "营业执照照片模糊，无法核对统一社会信用代码，请重新上传清晰的扫描件"),
        new("衡阳县金禾农业开发有限公司", "430421", "01", 31, 780, 1500, "谭春生", 'A'),
        new("衡南县宏达建材有限公司", "430422", "30", 88, 5600, 7300, "蒋勇", 'S'),
        new("衡南县云集米业有限公司", "430422", "13", 45, 2600, 1900, "廖红", 'A'),
        new("衡山县南岳竹木制品有限公司", "430423", "20", 67, 1300, 1700, "龙斌", 'A'),
        new("衡东县土菜馆餐饮有限公司", "430424", "62", 9, 85, 60, "欧阳华", 'S'),
        new("衡东县恒通汽车零部件有限公司", "430424", "36", 320, 21000, 26000, "匡明", 'A'),
        new("祁东县黄花菜食品有限公司", "430426", "14", 54, 2400, 2200, "管小英", 'R', "经营所在区县与营业执照住所不一致，请核实后修改"),
        new("祁东县兴旺五金批发部", "430426", "51", 4, 320, 90, "阳建", 'A'),
        new("耒阳市金石矿山机械有限公司", "430481", "35", 150, 9800, 12000, "资志强", 'S'),
        new("耒阳市青年创客孵化器有限公司", "430481", "72", 12, 150, 400, "伍佳", 'A'),
        new("常宁市瑶山茶油有限公司", "430482", "13", 26, 900, 1100, "尹秋", 'A'),
        new("常宁市有色金属压延有限公司", "430482", "32", 480, 52000, 61000, "段国平", 'S'),
        new("衡阳高新区云智检测技术有限公司", "430472", "74", 48, 1900, 2300, "钟宁", 'A'),
        new("松木经开区盐化新材料有限公司", "430473", "26", 260, 38000, 45000, "贺东", 'S'),
        new("衡阳市印象广告设计有限公司", "430400", "72", 16, 210, 80, "郭敏", 'A'),
        new("衡阳市惠民超市有限公司", "430406", "52", 68, 3200, 1400, "谢芬", 'A'),
        new("衡阳市珠晖区宏图物业管理有限公司", "430405", "70", 140, 1800, 900, "汪洋", 'A'),
        new("衡阳湘江水上运输有限公司", "430407", "55", 40, 2300, 4800, "吕江", 'S'),
        new("衡阳县九峰山生态养殖专业合作社", "430421", "03", 18, 420, 650, "毛大发", 'A'),
        new("衡南县云计算数据服务有限公司", "430422", "64", 75, 3900, 5200, "石磊", 'R', "所属行业选择有误，请按主营业务选择行业大类"),
        new("衡山县萱洲电器维修服务部", "430423", "81", 6, 45, 20, "颜小军", 'A'),
        new("耒阳市蔡伦纸业有限公司", "430481", "22", 190, 12800, 15500, "蔡文", 'A'),
        new("衡阳市雁峰区启明职业技能培训学校", "430406", "83", 30, 400, 300, "柳青", 'S'),
        new("衡阳市蒸湘区安居房地产经纪有限公司", "430408", "70", 22, 380, 150, "夏林", 'A'),
    ];

    private static readonly Dictionary<string, string> DemoTags = new()
    {
        ["衡阳恒远机械制造有限公司"] = "zjtx,gs",
        ["衡阳市珠晖区云帆软件科技有限公司"] = "kjxzx,cxx",
        ["衡东县恒通汽车零部件有限公司"] = "gxjs,gs",
        ["衡阳高新区云智检测技术有限公司"] = "gxjs,zjtx",
    };

    private sealed record DemoInstitution(string Name, string Region, string Kind, string Categories, int Staff, string Contact, char Status,
        string? Reason = null, bool Core = false);

    // Status: A approved, S submitted, R rejected, D draft, P suspended (暂停).
    private static readonly DemoInstitution[] Institutions =
    [
        new("湖南衡信会计师事务所有限公司", "430405", "31", "finance,consulting", 28, "赵新", 'A', Core: true),
        new("衡阳农村商业银行股份有限公司珠晖支行", "430405", "91", "finance", 40, "孙磊", 'A'),
        new("湖南湘南律师事务所", "430407", "31", "legal", 22, "黄志", 'A', Core: true),
        new("衡阳市中小企业发展促进会", "430400", "51", "policy,training,market", 12, "张平", 'A'),
        new("衡阳数智信息技术服务有限公司", "430408", "91", "digital,consulting", 35, "吴迪", 'S'),
        new("衡阳市创新创业服务中心", "430472", "12", "innovation,training", 18, "马琳", 'A'),
        new("衡阳知行企业管理咨询有限公司", "430406", "91", "consulting,training", 9, "冯涛", 'R', "资质证明文件缺少盖章页，请补充后重新提交"),
        new("衡南县惠企财税代理有限公司", "430422", "91", "finance", 7, "胡静", 'S'),
        new("耒阳市职业技能培训中心", "430481", "52", "training", 26, "邹伟", 'D'),
        new("衡东县商贸流通服务协会", "430424", "51", "market", 5, "雷红", 'P', "年度服务情况未按期报送"),
        new("衡阳云启数字科技有限公司", "430408", "91", "digital,consulting", 46, "蒋睿", 'A'),
        new("衡阳市知识产权运营服务中心", "430400", "12", "innovation,legal", 15, "谭静", 'A', Core: true),
        new("湖南雁城人力资源服务有限公司", "430406", "91", "training,consulting,legal", 31, "曾勇", 'A'),
        new("衡阳市中小企业融资担保有限公司", "430400", "91", "finance", 24, "彭洁", 'A', Core: true),
        new("常宁市跨境电商与品牌服务中心", "430482", "52", "market,digital", 11, "廖斌", 'A'),
    ];

    private static readonly string[] Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => c.ToString()).ToArray();

    public static string MakeCreditCode(string prefix, string region, int seed)
    {
        var body = "MA4" + string.Concat(Enumerable.Range(0, 5).Select(i => Alphabet[(seed * 7 + i * 13 + seed / (i + 1)) % 31]));
        var first17 = prefix + region + body + CreditCode.ComputeOrgCodeCheckCharacter(body);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    public async Task<bool> SeedAsync()
    {
        if (await db.Users.AnyAsync(u => u.UserName == Accounts[0].Phone)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = users.PasswordHasher.HashPassword(new AppUser { DisplayName = "" }, Password);

        var enterpriseIds = new Dictionary<string, Guid>();
        for (var i = 0; i < Enterprises.Length; i++)
        {
            var d = Enterprises[i];
            var input = new EnterpriseProfileInput
            {
                CreditCode = MakeCreditCode("91", d.Region == "430472" || d.Region == "430473" ? "430400" : d.Region, i + 1),
                Name = d.Name, LegalRepresentative = d.Contact, RegionCode = d.Region, IndustryDivision = d.Division,
                IndustryGroup = d.Division == "70" ? (d.Name.Contains("物业") ? "702" : "703") : null,
                Employees = d.Employees, RevenueWan = d.Revenue, AssetsWan = d.Assets, ContactName = d.Contact,
                ContactPhone = $"1380734{i + 1:0000}",
            };
            var created = now.AddDays(-(Enterprises.Length - i) * 3);
            var e = RegisterEnterpriseHandler.NewEnterprise(await RegisterEnterpriseHandler.CheckProfileAsync(db, input, null), created);
            e.Tags = DemoTags.GetValueOrDefault(d.Name, "");
            var licence = DemoLicence(e.Id, created);
            e.LicenceFileId = licence.Id;
            e.Submit(created);
            if (d.Status == 'A') e.Approve(created.AddDays(1));
            if (d.Status == 'R') e.Reject(d.Reason, created.AddDays(1));
            db.Enterprises.Add(e);
            db.Files.Add(licence);
            db.AuditEntries.Add(new AuditEntry { At = created, ActorName = d.Contact, Action = "企业注册", EntityType = "企业", EntityId = e.Id.ToString(), RegionCode = e.RegionCode });
            if (d.Status != 'S')
                db.AuditEntries.Add(new AuditEntry
                {
                    At = created.AddDays(1), ActorName = "演示运营", Action = d.Status == 'A' ? "审核通过" : "审核驳回",
                    EntityType = "企业", EntityId = e.Id.ToString(), RegionCode = e.RegionCode, Comment = d.Reason,
                });
            enterpriseIds[d.Name] = e.Id;
        }

        var institutionIds = new Dictionary<string, Guid>();
        for (var i = 0; i < Institutions.Length; i++)
        {
            var d = Institutions[i];
            var created = now.AddDays(-(Institutions.Length - i) * 5);
            var inst = new Institution
            {
                Id = Guid.NewGuid(), CreditCode = MakeCreditCode(d.Kind, d.Region == "430472" ? "430400" : d.Region, 100 + i), Name = d.Name,
                Kind = d.Name.Contains("银行") ? InstitutionKind.Bank : InstitutionKind.General, RegionCode = d.Region,
                Categories = d.Categories, ServiceRegions = d.Region == RegionCodes.City ? string.Join(',', RegionCodes.Hengyang.Select(r => r.Code)) : $"{d.Region},{RegionCodes.City}",
                StaffCount = d.Staff, ContactName = d.Contact, ContactPhone = $"1370734{i + 1:0000}", CreatedAt = created,
                FeePolicy = "对小微企业首次咨询免费，常规服务按市场价八折收费。",
                Introduction = $"{d.Name}立足衡阳，面向全市中小企业提供专业服务。",
            };
            if (d.Status != 'D') inst.Submit(created);
            if (d.Status is 'A' or 'P') inst.Approve(created.AddDays(2));
            if (d.Status == 'R') inst.Reject(d.Reason, created.AddDays(2));
            if (d.Status == 'P') inst.Suspend(d.Reason, created.AddDays(20));
            if (d.Core)
            {
                var today = HengyangCalendar.DayOf(now);
                inst.MarkCore(today.AddMonths(-6), today.AddYears(2).AddMonths(6), today);
            }
            db.Institutions.Add(inst);
            institutionIds[d.Name] = inst.Id;
        }

        foreach (var a in Accounts)
        {
            var user = new AppUser
            {
                Id = Guid.NewGuid(), UserName = a.Phone, NormalizedUserName = a.Phone, PhoneNumber = a.Phone, DisplayName = a.Name,
                RegionCode = a.Region, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
                CreatedAt = now, PasswordChangedAt = now,
                EnterpriseId = a.Role == Roles.Enterprise ? enterpriseIds[a.Org!] : null,
                InstitutionId = a.Role == Roles.Institution ? institutionIds[a.Org!] : null,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = (await db.Roles.SingleAsync(r => r.Name == a.Role)).Id });
        }
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>A one-page PDF standing in for a scanned business licence.</summary>
    private StoredFile DemoLicence(Guid enterpriseId, DateTime at)
    {
        var bytes = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
        var id = Guid.NewGuid();
        var relative = Path.Combine("demo", id.ToString("N"));
        Directory.CreateDirectory(Path.Combine(files.Root, "demo"));
        File.WriteAllBytes(Path.Combine(files.Root, relative), bytes);
        return new StoredFile
        {
            Id = id, OwnerType = "enterprise", OwnerId = enterpriseId, Purpose = "licence", FileName = "营业执照（演示）.pdf",
            ContentType = "application/pdf", Size = bytes.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            StoragePath = relative, UploadedAt = at,
        };
    }
}
