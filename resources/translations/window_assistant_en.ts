<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>账号管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>新增窗口人员(&amp;N)…</source>
        <translation>Add &amp;clerk…</translation>
    </message>
    <message>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>重置 PIN/密码(&amp;R)…</source>
        <translation>&amp;Reset PIN/password…</translation>
    </message>
    <message>
        <source>停用(&amp;D)</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>新增窗口(&amp;A)…</source>
        <translation>&amp;Add window…</translation>
    </message>
    <message>
        <source>人员(&amp;P)</source>
        <translation>&amp;Staff</translation>
    </message>
    <message>
        <source>窗口(&amp;W)</source>
        <translation>&amp;Windows</translation>
    </message>
    <message>
        <source>重新启用(&amp;D)</source>
        <translation>Re&amp;activate</translation>
    </message>
    <message>
        <source>只有负责人可以修改账号和窗口。</source>
        <translation>Only a supervisor can change accounts and windows.</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机或固定电话</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <source>由代理人(经办人)办理</source>
        <translation>Handled by an agent</translation>
    </message>
    <message>
        <source>代理人姓名</source>
        <translation>Agent's name</translation>
    </message>
    <message>
        <source>代理人证件号码</source>
        <translation>Agent's document number</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>单位名称(与营业执照一致)</source>
        <translation>Name as on the business licence</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Organisation</translation>
    </message>
</context>
<context>
    <name>AttentionCount</name>
    <message>
        <source>差评跟进:超期 {late},今天到期 {today}</source>
        <translation>Bad-rating follow-ups: {late} overdue, {today} due today</translation>
    </message>
</context>
<context>
    <name>AttentionNotice</name>
    <message>
        <source>打开差评整改台账…</source>
        <translation>Open the follow-up board…</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>{message},请及时核实、整改和回访。</source>
        <translation>{message}: please verify, rectify and revisit in time.</translation>
    </message>
</context>
<context>
    <name>BackgroundRun</name>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>上一个导出或报告还在进行,请稍候。</source>
        <translation>The last export or report is still running: please wait a moment.</translation>
    </message>
    <message>
        <source>已保存 {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <source>部分没有完成</source>
        <translation>Partly not done</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>没有完成:{0}</source>
        <translation>Not done: {0}</translation>
    </message>
    <message>
        <source>没有完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>BoardDialog</name>
    <message>
        <source>差评整改台账</source>
        <translation>Bad-rating follow-up board</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation>All clerks</translation>
    </message>
    <message>
        <source>显示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>人员(&amp;C)</source>
        <translation>&amp;Clerk</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>红色为已超期未处理。步骤记录后不能删除,如有错误请用「更正」。</source>
        <translation>Red: past a deadline with the step not taken. A recorded step cannot be deleted; record a correction instead.</translation>
    </message>
    <message>
        <source>共 {n} 件,其中超期 {late} 件</source>
        <translation>{n} in all, {late} overdue</translation>
    </message>
    <message>
        <source>没有需要跟进的差评。</source>
        <translation>No bad rating to follow up.</translation>
    </message>
    <message>
        <source>{serial} {level} {tags}
意见:{comment}</source>
        <translation>{serial} {level} {tags}
Comment: {comment}</translation>
    </message>
    <message>
        <source>(无)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>请先在台账中选择一件差评。</source>
        <translation>Select a bad rating on the board first.</translation>
    </message>
</context>
<context>
    <name>CaseCount</name>
    <message>
        <source>办件:超期 {late},即将到期 {soon}</source>
        <translation>Cases: {late} overdue, {soon} due soon</translation>
    </message>
</context>
<context>
    <name>CaseDetailDialog</name>
    <message>
        <source>重新打印 Ctrl+P</source>
        <translation>Reprint Ctrl+P</translation>
    </message>
    <message>
        <source>另存为 Ctrl+S</source>
        <translation>Save as Ctrl+S</translation>
    </message>
    <message>
        <source>此办件现在没有可记录的步骤。</source>
        <translation>No step can be recorded on this case now.</translation>
    </message>
    <message>
        <source>关闭 Esc</source>
        <translation>Close Esc</translation>
    </message>
    <message>
        <source>步骤记录后不能删除,如有错误请用「更正」另行记录。</source>
        <translation>A recorded step cannot be deleted; to put a mistake right, record a Correction.</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>文书(按首次打印的内容重印)</source>
        <translation>Papers (reprinted as first printed)</translation>
    </message>
    <message>
        <source>现在可记录的步骤</source>
        <translation>Steps that can be recorded now</translation>
    </message>
    <message>
        <source>办件 {serial}</source>
        <translation>Case {serial}</translation>
    </message>
    <message>
        <source>{item}({code})  申请人:{who}  登记:{at} {clerk}</source>
        <translation>{item} ({code})  Applicant: {who}  Registered: {at} {clerk}</translation>
    </message>
    <message>
        <source>(未登记)</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>{state}(已超期)</source>
        <translation>{state} (overdue)</translation>
    </message>
    <message>
        <source>{flow}  状态:{state}</source>
        <translation>{flow}  State: {state}</translation>
    </message>
    <message>
        <source>  下一步:{next}</source>
        <translation>  Next: {next}</translation>
    </message>
    <message>
        <source>  期限:{due}</source>
        <translation>  Due: {due}</translation>
    </message>
    <message>
        <source>  承诺办结:{date}</source>
        <translation>  Promised: {date}</translation>
    </message>
    <message>
        <source>合作地区:{region}  运单号:{waybill}  对方受理编号:{number}</source>
        <translation>Partner region: {region}  Waybill: {waybill}  Partner's acceptance number: {number}</translation>
    </message>
    <message>
        <source>已于 {day} 补齐</source>
        <translation>supplied on {day}</translation>
    </message>
    <message>
        <source>应于 {day} 前补齐</source>
        <translation>to be supplied by {day}</translation>
    </message>
    <message>
        <source>(已超期)</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>容缺材料:{name},{done}{late}</source>
        <translation>Material to follow: {name}, {done}{late}</translation>
    </message>
    <message>
        <source>已保存:{path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>办件登记 — {name}</source>
        <translation>Register a case — {name}</translation>
    </message>
    <message>
        <source>3 申请人(Ctrl+3)</source>
        <translation>3 Applicant (Ctrl+3)</translation>
    </message>
    <message>
        <source>1 申请情形(Ctrl+1)</source>
        <translation>1 Situation (Ctrl+1)</translation>
    </message>
    <message>
        <source>未选择(列出全部材料)</source>
        <translation>Not chosen (all materials listed)</translation>
    </message>
    <message>
        <source>2 已带材料(Ctrl+2,空格勾选)</source>
        <translation>2 Materials brought (Ctrl+2, Space ticks)</translation>
    </message>
    <message>
        <source>全部已带 Ctrl+A</source>
        <translation>All brought Ctrl+A</translation>
    </message>
    <message>
        <source>全部未带 Ctrl+Shift+A</source>
        <translation>None brought Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>4 告知书与办件结果(Ctrl+4)</source>
        <translation>4 Sheet and outcome (Ctrl+4)</translation>
    </message>
    <message>
        <source>不予受理的理由(必填)</source>
        <translation>Reason for refusal (required)</translation>
    </message>
    <message>
        <source>不予受理的依据(可不填:按事项类型)</source>
        <translation>Legal basis of the refusal (optional: by the item's kind)</translation>
    </message>
    <message>
        <source>附印办事指南要点页(受理条件、设定依据)</source>
        <translation>Add the guide's key points (conditions, basis)</translation>
    </message>
    <message>
        <source>告知书</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>办件结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>预览 Ctrl+Shift+P</source>
        <translation>Preview Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>登记并打印 Ctrl+P</source>
        <translation>Register and print Ctrl+P</translation>
    </message>
    <message>
        <source>登记并保存 Ctrl+S</source>
        <translation>Register and save Ctrl+S</translation>
    </message>
    <message>
        <source>关闭 Esc</source>
        <translation>Close Esc</translation>
    </message>
    <message>
        <source>登记并直接打印 Ctrl+P</source>
        <translation>Register and print directly Ctrl+P</translation>
    </message>
    <message>
        <source>本机没有默认打印机:登记后将打开打印预览,请在其中选择打印机。</source>
        <translation>This PC has no default printer: after registering, the print preview opens to choose a printer.</translation>
    </message>
    <message>
        <source>登记后直接送打印机「{0}」,不预览;要先预览请按 Ctrl+Shift+P。</source>
        <translation>Registers and prints straight to “{0}”, no preview; Ctrl+Shift+P previews first.</translation>
    </message>
    <message>
        <source>建议:{title}</source>
        <translation>Suggested: {title}</translation>
    </message>
    <message>
        <source>(容缺后补)</source>
        <translation> (to supply later)</translation>
    </message>
    <message>
        <source>缺 {n} 项:{names}</source>
        <translation>{n} missing: {names}</translation>
    </message>
    <message>
        <source>需补正 {n} 项:{names}</source>
        <translation>{n} to correct: {names}</translation>
    </message>
    <message>
        <source>材料齐全</source>
        <translation>All materials present</translation>
    </message>
    <message>
        <source>将出具:{papers}</source>
        <translation>Papers to hand out: {papers}</translation>
    </message>
    <message>
        <source>已登记 {serial},但本机没有设置默认打印机,尚未打印。请在打开的打印预览中按 Ctrl+P 选择打印机;以后请在系统的打印机设置中指定默认打印机。</source>
        <translation>Registered {serial}, but this PC has no default printer and nothing was printed. Press Ctrl+P in the print preview now open to choose a printer; set a default printer in the system's printer settings for next time.</translation>
    </message>
    <message>
        <source>已登记 {serial},但打印机「{printer}」没有接受打印任务(可能未开机、脱机、缺纸、已暂停或已被删除),尚未打印。请检查该打印机,或在打开的打印预览中按 Ctrl+P 另选打印机。</source>
        <translation>Registered {serial}, but the printer “{printer}” did not take the job (switched off, offline, out of paper, paused or removed?) and nothing was printed. Check that printer, or press Ctrl+P in the print preview now open to choose another.</translation>
    </message>
    <message>
        <source>请先更正申请人信息:{0}</source>
        <translation>Correct the applicant's details first: {0}</translation>
    </message>
    <message>
        <source>打印 Ctrl+P</source>
        <translation>Print Ctrl+P</translation>
    </message>
    <message>
        <source>打印预览,可另选打印机</source>
        <translation>Print preview, where another printer can be chosen</translation>
    </message>
    <message>
        <source>另存为 Ctrl+S</source>
        <translation>Save as Ctrl+S</translation>
    </message>
    <message>
        <source>已登记 — {serial}</source>
        <translation>Registered — {serial}</translation>
    </message>
</context>
<context>
    <name>CaseFieldForm</name>
    <message>
        <source>{label}(可不填)</source>
        <translation>{label} (optional)</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
</context>
<context>
    <name>CaseNotice</name>
    <message>
        <source>{message},请及时办理(命令行 cases list --overdue 可列出)。</source>
        <translation>{message}: please deal with them (cases list --overdue lists them).</translation>
    </message>
</context>
<context>
    <name>CaseResultPanel</name>
    <message>
        <source>Ctrl+P 打印 · Ctrl+S 另存为 PDF/Word · Esc 关闭</source>
        <translation>Ctrl+P print · Ctrl+S save as PDF/Word · Esc close</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>告知书</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>请扫码评价本次服务</source>
        <translation>Scan to rate this service</translation>
    </message>
    <message>
        <source>邀请评价 F4</source>
        <translation>Invite a rating F4</translation>
    </message>
    <message>
        <source>已登记:{outcome}</source>
        <translation>Registered: {outcome}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>缺 {n} 项:</source>
        <translation>{n} missing:</translation>
    </message>
    <message>
        <source>(容缺后补)</source>
        <translation> (to supply later)</translation>
    </message>
    <message>
        <source>请于 {date} 前补齐。</source>
        <translation>To be supplied by {date}.</translation>
    </message>
    <message>
        <source>材料齐全</source>
        <translation>All materials present</translation>
    </message>
    <message>
        <source>请在窗口评价器上评价本次服务</source>
        <translation>Please rate this service on the counter's rating pad</translation>
    </message>
    <message>
        <source>已送打印机 {printer}</source>
        <translation>Sent to the printer {printer}</translation>
    </message>
    <message>
        <source>已保存:{path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>CaseSettings</name>
    <message>
        <source>只有负责人可以修改办件期限。</source>
        <translation>Only a supervisor may change the case deadlines.</translation>
    </message>
    <message>
        <source>转办期限</source>
        <translation>Hand-over limit</translation>
    </message>
    <message>
        <source>办结后出件提醒</source>
        <translation>Result hand-over reminder</translation>
    </message>
    <message>
        <source>临近到期提醒</source>
        <translation>Due-soon warning</translation>
    </message>
    <message>
        <source>转办期限从收到外地转来的材料起算;跨域通办其他各步的期限按合作协议。期限在记录该步骤时计算,修改只影响此后记录的步骤。</source>
        <translation>The hand-over limit runs from the arrival of materials from another region; the other cross-region steps follow the partner agreement. A deadline is computed when its step is recorded: a change applies to steps recorded afterwards.</translation>
    </message>
</context>
<context>
    <name>CaseStepDialog</name>
    <message>
        <source>{step} — {serial}</source>
        <translation>{step} — {serial}</translation>
    </message>
    <message>
        <source>撤回该步骤(只限最近的一个步骤)</source>
        <translation>Withdraw the step (the latest step only)</translation>
    </message>
</context>
<context>
    <name>CasesDialog</name>
    <message>
        <source>全部人员</source>
        <translation>All clerks</translation>
    </message>
    <message>
        <source>办件台账</source>
        <translation>Case ledger</translation>
    </message>
    <message>
        <source>全部文书</source>
        <translation>All papers</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>全部方向</source>
        <translation>All directions</translation>
    </message>
    <message>
        <source>跨域通办(寄出和转来)</source>
        <translation>Cross-region (sent and received)</translation>
    </message>
    <message>
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>查找:申请人、完整证件号码或编号(Ctrl+F)</source>
        <translation>Find: applicant, full ID number or serial (Ctrl+F)</translation>
    </message>
    <message>
        <source>登记日期(&amp;R)</source>
        <translation>&amp;Registered</translation>
    </message>
    <message>
        <source>只看超期(&amp;O)</source>
        <translation>&amp;Overdue only</translation>
    </message>
    <message>
        <source>至(&amp;T)</source>
        <translation>&amp;to</translation>
    </message>
    <message>
        <source>文书(&amp;P)</source>
        <translation>&amp;Paper</translation>
    </message>
    <message>
        <source>状态(&amp;S)</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>方向(&amp;D)</source>
        <translation>&amp;Direction</translation>
    </message>
    <message>
        <source>地区(&amp;G)</source>
        <translation>Re&amp;gion</translation>
    </message>
    <message>
        <source>事项(&amp;I)</source>
        <translation>&amp;Item</translation>
    </message>
    <message>
        <source>人员(&amp;A)</source>
        <translation>St&amp;aff</translation>
    </message>
    <message>
        <source>详情 Enter</source>
        <translation>Details Enter</translation>
    </message>
    <message>
        <source>重新打印 Ctrl+P</source>
        <translation>Reprint Ctrl+P</translation>
    </message>
    <message>
        <source>另存为 Ctrl+S</source>
        <translation>Save as Ctrl+S</translation>
    </message>
    <message>
        <source>邀请评价 F4</source>
        <translation>Invite a rating F4</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>共 {n} 件,其中超期 {late} 件</source>
        <translation>{n} in all, {late} overdue</translation>
    </message>
    <message>
        <source>(只显示前 {n} 件,请缩小范围)</source>
        <translation> (only the first {n} are shown: narrow the filters)</translation>
    </message>
    <message>
        <source>请先在列表中选择一件办件。</source>
        <translation>Select a case in the list first.</translation>
    </message>
</context>
<context>
    <name>CentrePage</name>
    <message>
        <source>中心信息</source>
        <translation>Centre</translation>
    </message>
    <message>
        <source>这些信息印在一次性告知书上。以后可由负责人在「设置」中修改。</source>
        <translation>Printed on every notification sheet. A supervisor can change it later under Settings.</translation>
    </message>
    <message>
        <source>中心名称</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <source>文号简称</source>
        <translation>Serial abbreviation</translation>
    </message>
    <message>
        <source>2–8 个汉字,例如 铁西政服</source>
        <translation>2–8 Chinese characters, e.g. 铁西政服</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>咨询电话</source>
        <translation>Enquiry phone</translation>
    </message>
    <message>
        <source>监督投诉电话</source>
        <translation>Complaints phone</translation>
    </message>
    <message>
        <source>告知书编号示例:{0}</source>
        <translation>Sheet number example: {0}</translation>
    </message>
</context>
<context>
    <name>CentreSecret</name>
    <message>
        <source>确认导入中心密钥</source>
        <translation>Confirm importing the centre secret</translation>
    </message>
    <message>
        <source>本机有 {0} 件办件在评价期限内尚未评价,导入后它们告知书上的评价二维码将失效。</source>
        <translation>{0} cases on this PC are within the rating period and not yet rated; after the import the rating QR codes on their sheets will stop working.</translation>
    </message>
    <message>
        <source>申请人将无法再扫码评价这些办件。确定要导入吗?</source>
        <translation>Applicants will no longer be able to rate these cases by scanning. Import anyway?</translation>
    </message>
    <message>
        <source>仍然导入</source>
        <translation>Import anyway</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Do not import</translation>
    </message>
    <message>
        <source>本机已在使用这把中心密钥,没有修改。</source>
        <translation>This PC already uses this centre secret; nothing was changed.</translation>
    </message>
    <message>
        <source>已导入「{0}」的中心密钥(导出于 {1})。</source>
        <translation>Imported the centre secret of "{0}" (exported {1}).</translation>
    </message>
</context>
<context>
    <name>CentreSecretBox</name>
    <message>
        <source>导出中心密钥…</source>
        <translation>Export centre secret…</translation>
    </message>
    <message>
        <source>导入中心密钥…</source>
        <translation>Import centre secret…</translation>
    </message>
    <message>
        <source>同一中心的各窗口电脑须使用同一把密钥(评价二维码由它签名)。在一台电脑上导出,在其他窗口电脑上导入;文件用后请删除。</source>
        <translation>All window PCs of one centre must share one secret (it signs the rating QR codes). Export it on one PC and import it on the others; delete the file afterwards.</translation>
    </message>
    <message>
        <source>导出中心密钥</source>
        <translation>Export centre secret</translation>
    </message>
    <message>
        <source>中心密钥 (*.json)</source>
        <translation>Centre secret (*.json)</translation>
    </message>
    <message>
        <source>已导出到 {0}。持有此文件即可为本中心签发评价码,导入后请删除。</source>
        <translation>Exported to {0}. Whoever holds this file can issue rating codes for this centre: delete it after importing.</translation>
    </message>
    <message>
        <source>选择中心密钥文件</source>
        <translation>Choose the centre secret file</translation>
    </message>
    <message>
        <source>没有导入:本机的中心密钥保持不变。</source>
        <translation>Not imported: this PC's centre secret is unchanged.</translation>
    </message>
</context>
<context>
    <name>ClerkForm</name>
    <message>
        <source>新增窗口人员</source>
        <translation>Add clerk</translation>
    </message>
    <message>
        <source>修改人员信息</source>
        <translation>Edit staff member</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>(不属于窗口)</source>
        <translation>(no window)</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>确认 PIN</source>
        <translation>Confirm PIN</translation>
    </message>
    <message>
        <source>两次输入的 PIN 不一致。</source>
        <translation>The two PINs do not match.</translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <source>首位窗口人员</source>
        <translation>First clerk</translation>
    </message>
    <message>
        <source>窗口人员用工号和 PIN 登录。以后可由负责人在「账号管理」中增加更多人员。</source>
        <translation>Clerks sign in with their staff ID and PIN. A supervisor can add more under Accounts.</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>4–8 位数字</source>
        <translation>4–8 digits</translation>
    </message>
    <message>
        <source>确认 PIN</source>
        <translation>Confirm PIN</translation>
    </message>
    <message>
        <source>请再输入一次 PIN。</source>
        <translation>Enter the PIN once more.</translation>
    </message>
    <message>
        <source>两次输入的 PIN 不一致。</source>
        <translation>The two PINs do not match.</translation>
    </message>
    <message>
        <source>窗口人员的工号不能与负责人的工号相同。</source>
        <translation>The clerk's staff ID must differ from the supervisor's.</translation>
    </message>
</context>
<context>
    <name>CountLabel</name>
    <message>
        <source>{n} 条</source>
        <translation>{n} results</translation>
    </message>
</context>
<context>
    <name>CrossRegionModel</name>
    <message>
        <source>事项名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>事项编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <source>实施主体</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>通办范围</source>
        <translation>Cross-region scope</translation>
    </message>
    <message>
        <source>办理模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>合作地区</source>
        <translation>Partner regions</translation>
    </message>
    <message>
        <source>联系窗口</source>
        <translation>Contact window</translation>
    </message>
    <message>
        <source>网上办理</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>本中心受理</source>
        <translation>Received here</translation>
    </message>
    <message>
        <source>,</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{step} {days} 个工作日</source>
        <translation>{step} {days} working days</translation>
    </message>
    <message>
        <source>(示例)</source>
        <translation> (sample)</translation>
    </message>
    <message>
        <source>责任情形:{0}</source>
        <translation>Liabilities: {0}</translation>
    </message>
    <message>
        <source>{name}:没有合作协议;{note}</source>
        <translation>{name}: no partner agreement; {note}</translation>
    </message>
</context>
<context>
    <name>CrossRegionWindow</name>
    <message>
        <source>跨域通办事项清单</source>
        <translation>Cross-region items</translation>
    </message>
    <message>
        <source>全部范围</source>
        <translation>All scopes</translation>
    </message>
    <message>
        <source>全部模式</source>
        <translation>All modes</translation>
    </message>
    <message>
        <source>全部合作地区</source>
        <translation>All partner regions</translation>
    </message>
    <message>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>事项名称、编码、地区或联系窗口</source>
        <translation>Item name, code, region or contact window</translation>
    </message>
    <message>
        <source>范围(&amp;S)</source>
        <translation>&amp;Scope</translation>
    </message>
    <message>
        <source>模式(&amp;M)</source>
        <translation>&amp;Mode</translation>
    </message>
    <message>
        <source>合作地区(&amp;R)</source>
        <translation>Partner &amp;regions</translation>
    </message>
    <message>
        <source>部门(&amp;D)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>导入合作协议…</source>
        <translation>Import partner agreements…</translation>
    </message>
    <message>
        <source>生成公示清单 Word…</source>
        <translation>Public list as Word…</translation>
    </message>
    <message>
        <source>生成公示清单 PDF…</source>
        <translation>Public list as PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>合作协议版本 {id}:{at},{who} 导入</source>
        <translation>Partner agreements version {id}: imported {at} by {who}</translation>
    </message>
    <message>
        <source>尚未导入合作协议</source>
        <translation>No partner agreements imported yet</translation>
    </message>
    <message>
        <source>共 {shown} 项(清单 {total} 项)</source>
        <translation>{shown} items shown (of {total} on the list)</translation>
    </message>
    <message>
        <source>导入跨域通办合作协议</source>
        <translation>Import the cross-region partner agreements</translation>
    </message>
    <message>
        <source>合作协议 (*.xlsx *.json)</source>
        <translation>Partner agreements (*.xlsx *.json)</translation>
    </message>
    <message>
        <source>导入「{name}」将:新增协议 {a},删除协议 {r},修改协议 {c};新增协议事项 {ia},删除协议事项 {ir},修改协议事项 {ic}。</source>
        <translation>Importing “{name}” adds {a} agreements, removes {r} and changes {c}; it adds {ia} agreement items, removes {ir} and changes {ic}.</translation>
    </message>
    <message>
        <source>……另有 {n} 处变化,见“详细信息”</source>
        <translation>…and {n} more changes, see “Show Details”</translation>
    </message>
    <message>
        <source>确认导入合作协议</source>
        <translation>Import the partner agreements?</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>没有导入,合作协议未改动。</source>
        <translation>Not imported: the partner agreements are unchanged.</translation>
    </message>
    <message>
        <source>已导入合作协议版本 {id}:{n} 个协议。</source>
        <translation>Imported partner agreements version {id}: {n} agreements.</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>保存公示清单</source>
        <translation>Save the public list</translation>
    </message>
    <message>
        <source>公示清单({n} 项)已保存到:
{path}</source>
        <translation>The public list ({n} items) was saved to:
{path}</translation>
    </message>
    <message>
        <source>正在生成公示清单…</source>
        <translation>Writing the public list…</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>数据库文件已损坏 — 窗口助手</source>
        <translation>Damaged database file — Window Assistant</translation>
    </message>
    <message>
        <source>数据库文件已损坏,无法使用</source>
        <translation>The database file is damaged and cannot be used</translation>
    </message>
    <message>
        <source>文件:{path}
SQLite 报告:{detail}</source>
        <translation>File: {path}
SQLite reports: {detail}</translation>
    </message>
    <message>
        <source>最新的完好备份:{name}
备份于 {time},在 {folder}</source>
        <translation>Newest good backup: {name}
made {time}, in {folder}</translation>
    </message>
    <message>
        <source>恢复这份备份后即可继续工作。备份之后登记的办件不在备份里:恢复后会列出它们的编号(这些编号不会再发),请按纸质材料核对。损坏的文件会原样另存到备份文件夹,不会删除。</source>
        <translation>Restore this backup and work can go on. Cases registered after the backup are not in it: their serial numbers are listed after the restore (they will not be issued again); check them against the papers. The damaged file is kept, byte for byte, in the backup folder; nothing is deleted.</translation>
    </message>
    <message>
        <source>恢复此备份并继续</source>
        <translation>Restore this backup and continue</translation>
    </message>
    <message>
        <source>在 {folder} 中没有找到完好的备份。</source>
        <translation>No good backup was found in {folder}.</translation>
    </message>
    <message>
        <source>请不要删除或覆盖这个文件,把它交给系统管理员;如在别处有备份,可用命令行的 restore 命令恢复。</source>
        <translation>Do not delete or overwrite this file; give it to the system administrator. A backup kept elsewhere can be restored with the command line's restore command.</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>已从备份恢复</source>
        <translation>Restored from the backup</translation>
    </message>
    <message>
        <source>已从 {name} 恢复数据库。</source>
        <translation>The database was restored from {name}.</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>出现意外错误,操作没有完成:{0}
请把这条信息告诉系统管理员。</source>
        <translation>An unexpected error stopped the operation: {0}
Please pass this message to your administrator.</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>没有找到与「{query}」相符的事项。</source>
        <translation>Nothing found for “{query}”.</translation>
    </message>
    <message>
        <source>您要找的是不是「{word}」?(按 Enter 查找)</source>
        <translation>Did you mean “{word}”? (Enter searches for it)</translation>
    </message>
    <message>
        <source>可以试试:</source>
        <translation>Try:</translation>
    </message>
    <message>
        <source>· 换个说法,说出要办的事,如「营业执照」「社保卡」「退休」「公积金提取」;</source>
        <translation>· other words for what the citizen wants done, such as 营业执照, 社保卡, 退休 or 公积金提取;</translation>
    </message>
    <message>
        <source>· 拼音首字母,如 yyzz(营业执照)、sbk(社保卡);</source>
        <translation>· pinyin initials, such as yyzz (营业执照) or sbk (社保卡);</translation>
    </message>
    <message>
        <source>· 事项编码或编码的开头,如 0017。</source>
        <translation>· the item code or its beginning, such as 0017.</translation>
    </message>
    <message>
        <source>· 已按部门或主题筛选:把筛选改回「全部」再找(Ctrl+D、Ctrl+T)。</source>
        <translation>· a department or theme is chosen: set the filters back to “all” and search again (Ctrl+D, Ctrl+T).</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出评价记录</source>
        <translation>Export ratings</translation>
    </message>
    <message>
        <source>Excel 表格 (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>CSV 表格 (.csv)</source>
        <translation>CSV table (.csv)</translation>
    </message>
    <message>
        <source>省好差评系统数据集 GB/T 39046 (.xlsx)</source>
        <translation>Provincial rating dataset GB/T 39046 (.xlsx)</translation>
    </message>
    <message>
        <source>省好差评系统数据集 GB/T 39046 (.csv)</source>
        <translation>Provincial rating dataset GB/T 39046 (.csv)</translation>
    </message>
    <message>
        <source>不脱敏(导出评价意见原文,仅负责人可选)</source>
        <translation>Unmasked (comments as typed; supervisors only)</translation>
    </message>
    <message>
        <source>评价意见中的手机号、身份证号默认脱敏。导出的表格带有链头,可用于核验。</source>
        <translation>Phone and ID numbers in comments are masked by default. The exported table carries the chain heads, so it can be verified.</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>评价日期</source>
        <translation>Rating dates</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>评价记录</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>好差评数据集</source>
        <translation>Rating dataset</translation>
    </message>
    <message>
        <source>保存评价记录</source>
        <translation>Save ratings</translation>
    </message>
    <message>
        <source>起始日期 {0} 晚于截止日期 {1},请检查评价日期。</source>
        <translation>The start date {0} is after the end date {1}: please check the rating dates.</translation>
    </message>
    <message>
        <source>已导出 {n} 条评价({masked})到:
{path}</source>
        <translation>Exported {n} ratings ({masked}) to:
{path}</translation>
    </message>
    <message>
        <source>已脱敏</source>
        <translation>masked</translation>
    </message>
    <message>
        <source>未脱敏</source>
        <translation>unmasked</translation>
    </message>
    <message>
        <source>正在导出评价记录…</source>
        <translation>Exporting ratings…</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <source>{label}(可不填)</source>
        <translation>{label} (optional)</translation>
    </message>
    <message>
        <source>成立</source>
        <translation>Upheld</translation>
    </message>
    <message>
        <source>不成立</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>FollowUpSettings</name>
    <message>
        <source>只有负责人可以修改差评整改期限、分值和行政区划代码。</source>
        <translation>Only a supervisor can change the follow-up deadlines, the scores and the region code.</translation>
    </message>
    <message>
        <source>核实期限</source>
        <translation>Verify by</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Rectify by</translation>
    </message>
    <message>
        <source>辽宁省办法:差评 1 个工作日内回访核实,复杂问题 15 个工作日内整改到位。</source>
        <translation>Liaoning rules: a bad rating is verified within 1 working day; complex problems are rectified within 15 working days.</translation>
    </message>
    <message>
        <source>等级分值</source>
        <translation>Level scores</translation>
    </message>
    <message>
        <source>平均分按这些分值计算,从非常满意到非常不满意不能升高。</source>
        <translation>The average score uses these scores; they may not rise from Very satisfied to Very dissatisfied.</translation>
    </message>
    <message>
        <source>6 位数字,如 210303</source>
        <translation>6 digits, e.g. 210303</translation>
    </message>
    <message>
        <source>行政区划代码</source>
        <translation>Region code</translation>
    </message>
    <message>
        <source>报送省好差评系统的数据按此代码(GB/T 2260,6 位)归属。</source>
        <translation>Data sent to the provincial rating system is filed under this code (GB/T 2260, 6 digits).</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
</context>
<context>
    <name>FollowUpsModel</name>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>差评时间</source>
        <translation>Rated at</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>核实期限</source>
        <translation>Verify by</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Rectify by</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>申诉</source>
        <translation>Appeal</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>待复核</source>
        <translation>Awaiting decision</translation>
    </message>
    <message>
        <source>成立(不计入统计)</source>
        <translation>Upheld (not counted)</translation>
    </message>
    <message>
        <source>不成立</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <source>申请情形(选择后只列出适用的材料)</source>
        <translation>Applicant's situation (choose to list only the materials that apply)</translation>
    </message>
    <message>
        <source>在左侧搜索并选择事项,这里显示完整的办事指南。</source>
        <translation>Search for an item on the left and choose it; its full guide appears here.</translation>
    </message>
    <message>
        <source>未选择(列出全部材料)</source>
        <translation>Not chosen (all materials listed)</translation>
    </message>
    <message>
        <source>← 返回「{name}」</source>
        <translation>← Back to “{name}”</translation>
    </message>
</context>
<context>
    <name>HolidayImport</name>
    <message>
        <source>导入节假日安排</source>
        <translation>Import holiday arrangement</translation>
    </message>
    <message>
        <source>节假日安排 (*.json);;所有文件 (*)</source>
        <translation>Holiday arrangements (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>(替换了原有安排)</source>
        <translation> (replacing the previous arrangement)</translation>
    </message>
    <message>
        <source>{year} 年:{holidays} 个假期,{workdays} 个调休上班日{replaced}。出处:{source}</source>
        <translation>{year}: {holidays} holidays, {workdays} make-up working days{replaced}. Source: {source}</translation>
    </message>
    <message>
        <source>已导入:</source>
        <translation>Imported:</translation>
    </message>
</context>
<context>
    <name>HolidayReminder</name>
    <message>
        <source>导入节假日安排…</source>
        <translation>Import holiday arrangement…</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>{year} 年的节假日安排尚未导入:{year} 年的期限目前按法定节假日估算,调休未知。国务院办公厅公布安排后,请在「管理 → 导入节假日安排…」中导入。</source>
        <translation>The holiday arrangement for {year} has not been imported: deadlines in {year} are estimated on the statutory holidays, and the make-up working days are not known. Once the General Office of the State Council publishes it, import it in Manage → Import holiday arrangement….</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入事项目录</source>
        <translation>Import catalog</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>选择 CSV 文件夹…</source>
        <translation>Choose CSV folder…</translation>
    </message>
    <message>
        <source>保存空白模板…</source>
        <translation>Save blank template…</translation>
    </message>
    <message>
        <source>请选择要导入的事项目录文件。导入前会先检查并列出变化。</source>
        <translation>Choose the catalog file to import. It is checked and its changes listed before anything is applied.</translation>
    </message>
    <message>
        <source>应用导入</source>
        <translation>Apply import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>支持导入模板 Excel 工作簿(.xlsx)、JSON,或放有 事项.csv 等五个 CSV 文件的文件夹(UTF-8 或 GB18030 编码)。</source>
        <translation>Accepts the Excel template (.xlsx), JSON, or a folder holding the five CSV files (事项.csv etc., UTF-8 or GB18030).</translation>
    </message>
    <message>
        <source>选择事项目录文件</source>
        <translation>Choose catalog file</translation>
    </message>
    <message>
        <source>事项目录 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON (*.json)</source>
        <translation>Catalog (*.xlsx *.json);;Excel workbook (*.xlsx);;JSON (*.json)</translation>
    </message>
    <message>
        <source>选择放有 CSV 文件的文件夹</source>
        <translation>Choose the folder holding the CSV files</translation>
    </message>
    <message>
        <source>保存空白导入模板</source>
        <translation>Save blank import template</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法保存模板到 {0}:{1}。请换一个位置。</source>
        <translation>Cannot save the template to {0}: {1}. Please choose another place.</translation>
    </message>
    <message>
        <source>空白模板已保存到 {0}。</source>
        <translation>Blank template saved to {0}.</translation>
    </message>
    <message>
        <source>正在读取并检查…</source>
        <translation>Reading and checking…</translation>
    </message>
    <message>
        <source>无法导入:当前目录保持原样,没有任何改动。</source>
        <translation>Not imported: the current catalog is unchanged.</translation>
    </message>
    <message>
        <source>目录无变化:文件与当前目录相同,无需导入。</source>
        <translation>No changes: the file matches the current catalog; nothing to import.</translation>
    </message>
    <message>
        <source>检查通过。应用导入后将做出以下修改:</source>
        <translation>Check passed. Applying the import will make these changes:</translation>
    </message>
    <message>
        <source>事项:新增 {0},删除 {1},修改 {2}</source>
        <translation>Items: {0} added, {1} removed, {2} changed</translation>
    </message>
    <message>
        <source>一件事:新增 {0},删除 {1},修改 {2}</source>
        <translation>Bundles: {0} added, {1} removed, {2} changed</translation>
    </message>
    <message>
        <source>跨域通办:新增 {0},删除 {1},修改 {2}</source>
        <translation>Cross-region: {0} added, {1} removed, {2} changed</translation>
    </message>
    <message>
        <source>导入后共有事项 {0} 项、材料 {1} 份、一件事 {2} 个、跨域通办事项 {3} 项。</source>
        <translation>After the import: {0} items, {1} materials, {2} bundles, {3} cross-region items.</translation>
    </message>
    <message>
        <source>材料:删除 {0} 份</source>
        <translation>Materials: {0} removed</translation>
    </message>
    <message>
        <source>确认删除</source>
        <translation>Confirm removal</translation>
    </message>
    <message>
        <source>这次导入会从目录中删除:事项 {0} 项、材料 {1} 份、一件事 {2} 个、跨域通办事项 {3} 项。</source>
        <translation>This import removes from the catalog: {0} items, {1} materials, {2} bundles, {3} cross-region items.</translation>
    </message>
    <message>
        <source>如果选错了文件(例如空白模板),或文件在编辑时损坏,请选择“不导入”。已登记的办件不受影响。确定要删除这些内容吗?</source>
        <translation>If you chose the wrong file (such as the blank template) or the file was damaged while it was edited, choose “Do not import”. Registered cases are not affected. Remove these entries?</translation>
    </message>
    <message>
        <source>删除并导入</source>
        <translation>Remove and import</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Do not import</translation>
    </message>
    <message>
        <source>没有导入:目录保持原样。</source>
        <translation>Not imported: the catalog is unchanged.</translation>
    </message>
    <message>
        <source>正在应用导入…</source>
        <translation>Applying the import…</translation>
    </message>
    <message>
        <source>导入没有完成,目录保持原样。</source>
        <translation>The import did not complete; the catalog is unchanged.</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <source>导出台账</source>
        <translation>Export the ledger</translation>
    </message>
    <message>
        <source>办件台账 Excel 表格 (.xlsx)</source>
        <translation>Case ledger, Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>办件台账 CSV 表格 (.csv)</source>
        <translation>Case ledger, CSV table (.csv)</translation>
    </message>
    <message>
        <source>跨域通办办件 Excel 表格 (.xlsx)</source>
        <translation>Cross-region cases, Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>省平台办件数据集 GB/T 39046 (.xlsx)</source>
        <translation>Provincial platform case dataset GB/T 39046 (.xlsx)</translation>
    </message>
    <message>
        <source>省平台办件数据集 GB/T 39046 (.csv)</source>
        <translation>Provincial platform case dataset GB/T 39046 (.csv)</translation>
    </message>
    <message>
        <source>不脱敏(导出申请人姓名、证件号码和电话原文,仅负责人可选)</source>
        <translation>Unmasked (applicants' names, ID and phone numbers as typed; supervisors only)</translation>
    </message>
    <message>
        <source>申请人姓名只显示姓,证件号码和电话默认脱敏;每次导出都记入审计日志。</source>
        <translation>Applicants show by surname only, ID and phone numbers masked by default; every export is recorded in the audit log.</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>起始日期 {0} 晚于截止日期 {1},请检查登记日期。</source>
        <translation>The start date {0} is after the end date {1}: check the registration dates.</translation>
    </message>
    <message>
        <source>办件台账</source>
        <translation>Case ledger</translation>
    </message>
    <message>
        <source>跨域通办办件</source>
        <translation>Cross-region cases</translation>
    </message>
    <message>
        <source>办件数据集</source>
        <translation>Case dataset</translation>
    </message>
    <message>
        <source>保存办件台账</source>
        <translation>Save the case ledger</translation>
    </message>
    <message>
        <source>已导出 {n} 件办件({masked})到:
{path}</source>
        <translation>Exported {n} cases ({masked}) to:
{path}</translation>
    </message>
    <message>
        <source>已脱敏</source>
        <translation>masked</translation>
    </message>
    <message>
        <source>未脱敏,已记入审计日志</source>
        <translation>unmasked, recorded in the audit log</translation>
    </message>
    <message>
        <source>正在导出办件台账…</source>
        <translation>Exporting the case ledger…</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>办理方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>合作地区</source>
        <translation>Partner regions</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>下一期限</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <source>窗口人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>{state}(已超期)</source>
        <translation>{state} (overdue)</translation>
    </message>
</context>
<context>
    <name>LedgerReportDialog</name>
    <message>
        <source>生成台账月报</source>
        <translation>Monthly ledger report</translation>
    </message>
    <message>
        <source>月报含按部门和事项的办件数、一次办结率、补正率、容缺率、超期办件和跨域通办办件。</source>
        <translation>The report holds the cases per department and item, the rates settled at the first attempt, of corrections and of acceptance with shortfalls, the overdue cases and the cross-region cases.</translation>
    </message>
    <message>
        <source>办件台账月报_{0}</source>
        <translation>Case ledger report_{0}</translation>
    </message>
    <message>
        <source>保存台账月报</source>
        <translation>Save the monthly ledger report</translation>
    </message>
    <message>
        <source>{month:%Y年%m月}的台账月报已保存到:
{path}</source>
        <translation>The ledger report of {month:%Y-%m} is saved to:
{path}</translation>
    </message>
    <message>
        <source>正在生成台账月报…</source>
        <translation>Writing the monthly ledger report…</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>已锁定 — 窗口助手</source>
        <translation>Locked — Window Assistant</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>本机已由 {name} 锁定。输入密码或 PIN 解锁;换人时输入自己的工号。</source>
        <translation>Locked by {name}. Enter the password or PIN to unlock; to take over, enter your own login.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — 窗口助手</source>
        <translation>Sign in — Window Assistant</translation>
    </message>
    <message>
        <source>窗口助手 · 本机:{window}</source>
        <translation>Window Assistant · this PC: {window}</translation>
    </message>
    <message>
        <source>窗口助手</source>
        <translation>Window Assistant</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <source>窗口人员输入 PIN,负责人输入密码</source>
        <translation>Clerks enter their PIN, supervisors their password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>忘记密码…</source>
        <translation>Forgot password…</translation>
    </message>
    <message>
        <source>密码/PIN</source>
        <translation>Password/PIN</translation>
    </message>
    <message>
        <source>密码已重设,请用新密码登录。</source>
        <translation>Password reset: sign in with the new password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>窗口助手 — {centre}</source>
        <translation>Window Assistant — {centre}</translation>
    </message>
    <message>
        <source>输入事项名称、拼音首字母(如 sbdj)或事项编码…</source>
        <translation>Type an item name, pinyin initials (e.g. sbdj) or item code…</translation>
    </message>
    <message>
        <source>按实施部门筛选(Ctrl+D)</source>
        <translation>Filter by department (Ctrl+D)</translation>
    </message>
    <message>
        <source>按主题筛选(Ctrl+T)</source>
        <translation>Filter by theme (Ctrl+T)</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>锁定 / 切换用户(&amp;L)</source>
        <translation>&amp;Lock / switch user</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>办件(&amp;B)</source>
        <translation>&amp;Cases</translation>
    </message>
    <message>
        <source>登记办件…</source>
        <translation>Register a case…</translation>
    </message>
    <message>
        <source>办件台账…</source>
        <translation>Case ledger…</translation>
    </message>
    <message>
        <source>跨域通办清单…</source>
        <translation>Cross-region items…</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export the ledger…</translation>
    </message>
    <message>
        <source>生成台账月报…</source>
        <translation>Monthly ledger report…</translation>
    </message>
    <message>
        <source>邀请评价</source>
        <translation>Invite a rating</translation>
    </message>
    <message>
        <source>显示窗口评价器(副屏)</source>
        <translation>Show the counter's rating pad (second screen)</translation>
    </message>
    <message>
        <source>配对评价平板…</source>
        <translation>Pair a rating tablet…</translation>
    </message>
    <message>
        <source>登记办件 F2</source>
        <translation>Register case F2</translation>
    </message>
    <message>
        <source>目录(&amp;C)</source>
        <translation>Ca&amp;talog</translation>
    </message>
    <message>
        <source>导入目录…</source>
        <translation>Import catalog…</translation>
    </message>
    <message>
        <source>版本记录…</source>
        <translation>Version history…</translation>
    </message>
    <message>
        <source>管理(&amp;M)</source>
        <translation>&amp;Manage</translation>
    </message>
    <message>
        <source>账号管理…</source>
        <translation>Accounts…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>导入节假日安排…</source>
        <translation>Import holiday arrangement…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>未指定窗口</source>
        <translation>No window assigned</translation>
    </message>
    <message>
        <source>{role}:{name}</source>
        <translation>{role}: {name}</translation>
    </message>
    <message>
        <source>目录第 {id} 版(导入于 {date})</source>
        <translation>Catalog version {id} (imported {date})</translation>
    </message>
    <message>
        <source>尚未导入目录</source>
        <translation>No catalog imported yet</translation>
    </message>
    <message>
        <source>事项 {items} 个 · 一件事 {bundles} 个</source>
        <translation>{items} items · {bundles} bundles</translation>
    </message>
    <message>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>全部主题</source>
        <translation>All themes</translation>
    </message>
    <message>
        <source>目录已导入:第 {id} 版,事项 {items} 个 · 一件事 {bundles} 个。</source>
        <translation>Catalog imported: version {id}, {items} items · {bundles} bundles.</translation>
    </message>
    <message>
        <source>已登记:{serial},已送打印机 {printer}</source>
        <translation>Registered: {serial}, sent to the printer {printer}</translation>
    </message>
    <message>
        <source>请先登记办件,或在办件台账中选择要评价的办件。</source>
        <translation>Register a case first, or select the case to rate in the case ledger.</translation>
    </message>
    <message>
        <source>已打开:{name}</source>
        <translation>Opened: {name}</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请先搜索并选择事项或一件事,再按 F2 登记办件。</source>
        <translation>Search for and select an item or bundle first, then press F2 to register a case.</translation>
    </message>
    <message>
        <source>已登记:{serial}</source>
        <translation>Registered: {serial}</translation>
    </message>
</context>
<context>
    <name>MaterialsList</name>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>补正意见</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>补正说明</source>
        <translation>What to correct</translation>
    </message>
    <message>
        <source>可容缺受理:先受理,限期补交</source>
        <translation>May be accepted now and supplied later by a deadline</translation>
    </message>
    <message>
        <source>原件{n}</source>
        <translation>{n} original(s)</translation>
    </message>
    <message>
        <source>复印件{n}</source>
        <translation>{n} cop(ies)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>已带来但需要补正时选择原因;未带的材料按「缺」告知</source>
        <translation>For a material brought but to be corrected, choose why; one not brought is notified as missing</translation>
    </message>
    <message>
        <source>可选</source>
        <translation>Optional</translation>
    </message>
</context>
<context>
    <name>MergeRatings</name>
    <message>
        <source>已合并 {0}</source>
        <translation>Merged {0}</translation>
    </message>
    <message>
        <source>未合并 {0}</source>
        <translation>Not merged {0}</translation>
    </message>
    <message>
        <source>合并评价记录:{merged} 个文件已合并,{refused} 个未合并。</source>
        <translation>Merging ratings: {merged} file(s) merged, {refused} not merged.</translation>
    </message>
    <message>
        <source>正在核验并合并评价记录…</source>
        <translation>Verifying and merging ratings…</translation>
    </message>
    <message>
        <source>选择其他窗口导出的评价记录(可多选)</source>
        <translation>Choose the ratings exported by other windows (several allowed)</translation>
    </message>
    <message>
        <source>评价记录 (*.csv *.xlsx *.jsonl *.json)</source>
        <translation>Rating logs (*.csv *.xlsx *.jsonl *.json)</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>知道了</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>PadController</name>
    <message>
        <source>已邀请评价:{serial}</source>
        <translation>Rating invited: {serial}</translation>
    </message>
</context>
<context>
    <name>PadWindow</name>
    <message>
        <source>窗口评价器</source>
        <translation>Counter rating pad</translation>
    </message>
    <message>
        <source>办理完毕后,工作人员会邀请您在这里评价本次服务。</source>
        <translation>When your business is done, the clerk will invite you to rate the service here.</translation>
    </message>
    <message>
        <source>请您对本次服务进行评价</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <source>满意的方面(选填)</source>
        <translation>What was good (optional)</translation>
    </message>
    <message>
        <source>不满意的方面(选填)</source>
        <translation>What was not good (optional)</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <source>事项:{item}    窗口:{window}    日期:{date}</source>
        <translation>Item: {item}    Window: {window}    Date: {date}</translation>
    </message>
    <message>
        <source>未能提交评价</source>
        <translation>The rating was not submitted</translation>
    </message>
    <message>
        <source>感谢您的评价!</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <source>您的评价已记录。</source>
        <translation>Your rating has been recorded.</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>配对评价平板 — {window}</source>
        <translation>Pair a rating tablet — {window}</translation>
    </message>
    <message>
        <source>在平板电脑的浏览器中打开下面的地址(或用平板扫描二维码),再输入配对码。配对后,这台平板就是本窗口的评价器;配对另一台平板会解除原来的平板。</source>
        <translation>On the tablet, open the address below in the browser (or scan the QR code with the tablet), then enter the pairing code. Once paired, the tablet is this window's rating pad; pairing another tablet unpairs the previous one.</translation>
    </message>
    <message>
        <source>配对码</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>重新生成配对码</source>
        <translation>New pairing code</translation>
    </message>
    <message>
        <source>解除配对</source>
        <translation>Unpair</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>尚未选择评价服务地址,平板电脑无法连接本机。请先在 管理 → 设置 → 评价服务 中选择本机的局域网地址,再来配对。</source>
        <translation>No rating server address is chosen, so a tablet cannot reach this PC. Choose this PC's LAN address in Manage → Settings → Rating server first, then pair.</translation>
    </message>
    <message>
        <source>配对成功,配对码已用过。</source>
        <translation>Paired: the code has been used.</translation>
    </message>
    <message>
        <source>配对码已过期,请重新生成。</source>
        <translation>The pairing code has expired: make a new one.</translation>
    </message>
    <message>
        <source>没有有效的配对码。</source>
        <translation>No valid pairing code.</translation>
    </message>
    <message>
        <source>有效至 {time}(还剩 {minutes}:{seconds:02d})</source>
        <translation>Valid until {time} ({minutes}:{seconds:02d} left)</translation>
    </message>
    <message>
        <source>已配对:{name}({at} 配对)</source>
        <translation>Paired: {name} (paired {at})</translation>
    </message>
    <message>
        <source>本窗口还没有配对的平板电脑。</source>
        <translation>No tablet is paired with this window yet.</translation>
    </message>
</context>
<context>
    <name>PaperSettings</name>
    <message>
        <source>只有负责人可以修改告知书与补正的设置。</source>
        <translation>Only a supervisor can change the settings of notices and corrections.</translation>
    </message>
    <message>
        <source>补正期限</source>
        <translation>Correction deadline</translation>
    </message>
    <message>
        <source>一次性补正告知书上的补正期限,自告知之日起计算。</source>
        <translation>The deadline printed on the correction notice, counted from the day it is given.</translation>
    </message>
    <message>
        <source>容缺补齐期限</source>
        <translation>Deferred materials deadline</translation>
    </message>
    <message>
        <source>目录未写补齐时限的容缺材料按此期限补齐;任何补齐日期都不超过事项的承诺办结时限。</source>
        <translation>Deferred materials without their own time in the catalog are due within this; no date is ever later than the item's promised time limit.</translation>
    </message>
    <message>
        <source>一次性告知承诺</source>
        <translation>One-time notification commitment</translation>
    </message>
    <message>
        <source>非行政许可事项的一次性补正告知书引用此承诺;行政许可事项引用《行政许可法》第三十二条。</source>
        <translation>Cited on the correction notice of items that are not administrative licences; licences cite Article 32 of the Administrative Licensing Law.</translation>
    </message>
    <message>
        <source>逾期未补正</source>
        <translation>When the deadline passes</translation>
    </message>
    <message>
        <source>印在补正期限之后,告知申请人逾期未补正如何处理。</source>
        <translation>Printed after the correction deadline: what happens if nothing is supplied in time.</translation>
    </message>
    <message>
        <source>送达方式</source>
        <translation>Delivery of the result</translation>
    </message>
    <message>
        <source>目录未写送达方式的事项,一次性告知书印此送达方式。</source>
        <translation>Printed on the notice of items whose catalog entry names no delivery.</translation>
    </message>
    <message>
        <source>一次性告知书附印办事指南要点页(受理条件、设定依据、材料的完整填报要求)</source>
        <translation>Print the guide page with the notice (conditions, legal basis, the materials' full requirements)</translation>
    </message>
    <message>
        <source>办事指南要点页</source>
        <translation>Guide page</translation>
    </message>
    <message>
        <source>窗口人员登记办件时仍可逐件选择;一件事的告知书总是附印。</source>
        <translation>Clerks can still choose per case; a bundle's notice always has it.</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
</context>
<context>
    <name>QPrintPreviewDialog</name>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>RatingAddressBox</name>
    <message>
        <source>选择本机地址,或输入主机名</source>
        <translation>Pick an address of this PC, or type a host name</translation>
    </message>
    <message>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>手机扫码评价(告知书印评价二维码)</source>
        <translation>Rating by phone (sheets print the rating QR code)</translation>
    </message>
    <message>
        <source>评价服务地址</source>
        <translation>Rating server address</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>(未找到)</source>
        <translation>(none found)</translation>
    </message>
    <message>
        <source>本机局域网地址:{0}。评价二维码指向 http://地址:端口/r/…,手机连接中心无线网络后扫码评价;请选择手机能访问的地址并点「测试」。不开启手机扫码评价时,告知书不印二维码,提示申请人在窗口评价器上评价。</source>
        <translation>This PC's LAN addresses: {0}. The rating QR code points to http://address:port/r/…; phones on the centre's Wi-Fi scan it to rate. Choose the address phones reach and press Test. With rating by phone off, sheets print no QR code and ask the applicant to rate on the counter's pad.</translation>
    </message>
    <message>
        <source>正在测试 {0}:{1}……</source>
        <translation>Testing {0}:{1}…</translation>
    </message>
    <message>
        <source>测试未能完成:{0}</source>
        <translation>The test could not finish: {0}</translation>
    </message>
</context>
<context>
    <name>RatingCharts</name>
    <message>
        <source>每日评价数与好评率</source>
        <translation>Ratings per day and good rate</translation>
    </message>
    <message>
        <source>评价数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>好评率(%)</source>
        <translation>Good rate (%)</translation>
    </message>
    <message>
        <source>评价等级分布</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>各经办人好评与差评</source>
        <translation>Good and bad ratings per clerk</translation>
    </message>
    <message>
        <source>好评</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>差评</source>
        <translation>Bad</translation>
    </message>
    <message>
        <source>差评原因标签</source>
        <translation>Bad ratings by reason tag</translation>
    </message>
    <message>
        <source>差评数</source>
        <translation>Bad ratings</translation>
    </message>
    <message>
        <source>差评原因标签(本期差评未选标签)</source>
        <translation>Bad ratings by reason tag (none chosen in this period)</translation>
    </message>
</context>
<context>
    <name>RatingFilterBar</name>
    <message>
        <source>全部窗口</source>
        <translation>All windows</translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation>All clerks</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>全部评价</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>有无意见</source>
        <translation>With or without comment</translation>
    </message>
    <message>
        <source>有文字意见</source>
        <translation>With a comment</translation>
    </message>
    <message>
        <source>无文字意见</source>
        <translation>Without a comment</translation>
    </message>
    <message>
        <source>从(&amp;F)</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>至(&amp;T)</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>窗口(&amp;W)</source>
        <translation>&amp;Window</translation>
    </message>
    <message>
        <source>人员(&amp;C)</source>
        <translation>&amp;Clerk</translation>
    </message>
    <message>
        <source>事项(&amp;I)</source>
        <translation>&amp;Item</translation>
    </message>
    <message>
        <source>评价(&amp;L)</source>
        <translation>&amp;Level</translation>
    </message>
    <message>
        <source>渠道(&amp;N)</source>
        <translation>Cha&amp;nnel</translation>
    </message>
    <message>
        <source>意见(&amp;M)</source>
        <translation>Co&amp;mment</translation>
    </message>
</context>
<context>
    <name>RatingPage</name>
    <message>
        <source>手机扫码评价</source>
        <translation>Rating by phone</translation>
    </message>
    <message>
        <source>申请人用手机扫告知书上的二维码评价本次服务。请选择手机能访问的本机地址并测试;暂不确定可以留空,以后由负责人在「设置」中选择。</source>
        <translation>Applicants rate the service by scanning the QR code on the sheet with their phone. Choose the address of this PC that phones reach and test it; if unsure, leave it empty and a supervisor can choose it later in Settings.</translation>
    </message>
    <message>
        <source>从文件导入中心密钥…</source>
        <translation>Import centre secret from a file…</translation>
    </message>
    <message>
        <source>本中心已有其他窗口电脑时,导入负责人从那台电脑导出的中心密钥,评价码才能通用。</source>
        <translation>If the centre already has other window PCs, import the centre secret a supervisor exported on one of them, so that rating codes work across them.</translation>
    </message>
    <message>
        <source>中心密钥</source>
        <translation>Centre secret</translation>
    </message>
    <message>
        <source>选择中心密钥文件</source>
        <translation>Choose the centre secret file</translation>
    </message>
    <message>
        <source>中心密钥 (*.json)</source>
        <translation>Centre secret (*.json)</translation>
    </message>
</context>
<context>
    <name>RatingServerBanner</name>
    <message>
        <source>评价服务启动失败,手机暂时无法扫码评价</source>
        <translation>The rating server failed to start: phones cannot rate for now</translation>
    </message>
    <message>
        <source>请在「管理 → 设置 → 评价服务」中修改地址或端口。</source>
        <translation>Change the address or port in Manage → Settings → Rating server. </translation>
    </message>
    <message>
        <source>请联系负责人在「管理 → 设置 → 评价服务」中修改。</source>
        <translation>Ask a supervisor to change it in Manage → Settings → Rating server. </translation>
    </message>
    <message>
        <source>办件和打印告知书不受影响。</source>
        <translation>Cases and printing are not affected.</translation>
    </message>
    <message>
        <source>打开设置…</source>
        <translation>Open settings…</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>RatingServerStatus</name>
    <message>
        <source>评价服务:{url} 运行中</source>
        <translation>Rating server: {url} running</translation>
    </message>
    <message>
        <source>评价服务:启动失败</source>
        <translation>Rating server: failed to start</translation>
    </message>
    <message>
        <source>评价服务:未开启</source>
        <translation>Rating server: off</translation>
    </message>
</context>
<context>
    <name>RatingsDialog</name>
    <message>
        <source>评价记录</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>全部窗口的评价,最新的在前。</source>
        <translation>Ratings of every window, newest first. </translation>
    </message>
    <message>
        <source>您经办的办件的评价,最新的在前。</source>
        <translation>Ratings of the cases you handled, newest first.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>评价由群众提交,任何人都不能添加或修改。</source>
        <translation>Ratings are given by the public; no one can add or change one.</translation>
    </message>
    <message>
        <source>共 {n} 条,其中差评 {bad} 条</source>
        <translation>{n} in all, {bad} of them negative</translation>
    </message>
    <message>
        <source>(只显示最新的 {n} 条)</source>
        <translation> (only the newest {n} are shown)</translation>
    </message>
</context>
<context>
    <name>RatingsModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>忘记密码 — 用恢复码重设</source>
        <translation>Forgotten password — reset with the recovery code</translation>
    </message>
    <message>
        <source>例如 7K2M-…(不区分大小写)</source>
        <translation>e.g. 7K2M-… (any case)</translation>
    </message>
    <message>
        <source>负责人工号</source>
        <translation>Supervisor's login</translation>
    </message>
    <message>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>密码已重设。旧恢复码已作废,新的恢复码如下:</source>
        <translation>The password has been reset. The old recovery code no longer works; the new one is:</translation>
    </message>
    <message>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords differ.</translation>
    </message>
    <message>
        <source>我已抄下</source>
        <translation>I have written it down</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>负责人密码恢复码</source>
        <translation>Supervisor's password recovery code</translation>
    </message>
    <message>
        <source>我已抄下</source>
        <translation>I have written it down</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>生成月度报告</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>Word 文档 (.docx)</source>
        <translation>Word document (.docx)</translation>
    </message>
    <message>
        <source>PDF 文件 (.pdf)</source>
        <translation>PDF file (.pdf)</translation>
    </message>
    <message>
        <source>报告含当月统计、图表、每条差评的整改情况、申诉复核和各窗口的评价记录链头。</source>
        <translation>The report holds the month's figures, charts, the follow-up of every bad rating, the appeals and every window's chain head.</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>生成…</source>
        <translation>Create…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存月度报告</source>
        <translation>Save the monthly report</translation>
    </message>
    <message>
        <source>好差评月度报告_{0}</source>
        <translation>Rating report_{0}</translation>
    </message>
    <message>
        <source>{month:%Y年%m月}的月度报告已保存到:
{path}</source>
        <translation>The monthly report of {month:%B %Y} was saved to:
{path}</translation>
    </message>
    <message>
        <source>正在生成月度报告…</source>
        <translation>Creating the monthly report…</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>专窗办理</source>
        <translation>Dedicated window</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>一件事</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <source>高频</source>
        <translation>Frequent</translation>
    </message>
    <message>
        <source>跨域通办</source>
        <translation>Cross-region</translation>
    </message>
</context>
<context>
    <name>SecretForm</name>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>重置 PIN</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <source>新 PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>两次输入的 PIN 不一致。</source>
        <translation>The two PINs do not match.</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>中心名称</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <source>文号简称</source>
        <translation>Serial abbreviation</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>咨询电话</source>
        <translation>Enquiry phone</translation>
    </message>
    <message>
        <source>监督投诉电话</source>
        <translation>Complaints phone</translation>
    </message>
    <message>
        <source>行政复议机关</source>
        <translation>Administrative review body</translation>
    </message>
    <message>
        <source>行政诉讼法院</source>
        <translation>Court for administrative litigation</translation>
    </message>
    <message>
        <source>中心信息</source>
        <translation>Centre</translation>
    </message>
    <message>
        <source>中心密钥</source>
        <translation>Centre secret</translation>
    </message>
    <message>
        <source>评价服务</source>
        <translation>Rating server</translation>
    </message>
    <message>
        <source>只有负责人可以修改中心信息和评价服务设置。</source>
        <translation>Only a supervisor can change the centre and rating-server settings.</translation>
    </message>
    <message>
        <source>评价标签与期限</source>
        <translation>Rating tags and period</translation>
    </message>
    <message>
        <source>差评整改与统计</source>
        <translation>Follow-ups and figures</translation>
    </message>
    <message>
        <source>办件期限</source>
        <translation>Case deadlines</translation>
    </message>
    <message>
        <source>告知书与补正</source>
        <translation>Notices and corrections</translation>
    </message>
    <message>
        <source>本机与打印</source>
        <translation>This computer and printing</translation>
    </message>
    <message>
        <source>本机窗口</source>
        <translation>This computer's window</translation>
    </message>
    <message>
        <source>标题字体</source>
        <translation>Title font</translation>
    </message>
    <message>
        <source>正文字体</source>
        <translation>Body font</translation>
    </message>
    <message>
        <source>本机没有「{0}」字体,打印时由相近字体(如「{1}」)代替。在此选一种字体并保存,即改用所选字体。</source>
        <translation>The font “{0}” is not installed; printing uses a similar one (such as “{1}”). Pick a font here and save to use it instead.</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>界面语言在重新启动窗口助手后生效。</source>
        <translation>The interface language takes effect after Window Assistant restarts.</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>不自动锁定</source>
        <translation>never</translation>
    </message>
    <message>
        <source>无操作自动锁屏</source>
        <translation>Lock when idle for</translation>
    </message>
    <message>
        <source>负责人设置;随时可按 Ctrl+Shift+L 锁定或换人登录。</source>
        <translation>Set by a supervisor; Ctrl+Shift+L locks or switches user at any time.</translation>
    </message>
    <message>
        <source>检索同义词</source>
        <translation>Search synonyms</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>登记并打印时直接送默认打印机(不预览)</source>
        <translation>Register and print goes straight to the default printer (no preview)</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>本机默认打印机:{0}。</source>
        <translation>This PC's default printer: {0}. </translation>
    </message>
    <message>
        <source>本机没有默认打印机:登记后将打开打印预览。</source>
        <translation>This PC has no default printer: registering opens the print preview. </translation>
    </message>
    <message>
        <source>负责人设置;预览仍可按 Ctrl+Shift+P。</source>
        <translation>Set by a supervisor; Ctrl+Shift+P still previews.</translation>
    </message>
    <message>
        <source>只有负责人可以修改评价标签和评价期限。</source>
        <translation>Only a supervisor can change the rating tags and period.</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>评价期限</source>
        <translation>Rating period</translation>
    </message>
    <message>
        <source>办件后在此期限内可以评价(含补充评价)。</source>
        <translation>A case can be rated (or rated later) within this period.</translation>
    </message>
    <message>
        <source>好评标签</source>
        <translation>Tags for a good rating</translation>
    </message>
    <message>
        <source>差评标签</source>
        <translation>Tags for a bad rating</translation>
    </message>
    <message>
        <source>有设置不正确,请按红字提示修改后再保存。</source>
        <translation>Some settings are not valid; correct those marked in red, then save.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>还有 {0} 项需要填写。</source>
        <translation>{0} more field(s) to fill in.</translation>
    </message>
    <message>
        <source>窗口助手 — 首次设置</source>
        <translation>Window Assistant — First-run setup</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>作用</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>StatsDialog</name>
    <message>
        <source>好差评统计与图表</source>
        <translation>Rating figures and charts</translation>
    </message>
    <message>
        <source>只看合计</source>
        <translation>Totals only</translation>
    </message>
    <message>
        <source>按窗口</source>
        <translation>By window</translation>
    </message>
    <message>
        <source>按经办人</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <source>按事项</source>
        <translation>By item</translation>
    </message>
    <message>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <source>按日</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>按周</source>
        <translation>By week</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Compute</translation>
    </message>
    <message>
        <source>从(&amp;F)</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>至(&amp;T)</source>
        <translation>&amp;to</translation>
    </message>
    <message>
        <source>分组(&amp;G)</source>
        <translation>&amp;Group by</translation>
    </message>
    <message>
        <source>统计表</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>图表</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>{start} 至 {end}:评价 {n} 条</source>
        <translation>{start} to {end}: {n} ratings</translation>
    </message>
</context>
<context>
    <name>StatsModel</name>
    <message>
        <source>分组</source>
        <translation>Grouping</translation>
    </message>
    <message>
        <source>评价数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>好评</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>差评</source>
        <translation>Bad</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>Good rate</translation>
    </message>
    <message>
        <source>平均分</source>
        <translation>Average score</translation>
    </message>
    <message>
        <source>可评价办件</source>
        <translation>Ratable cases</translation>
    </message>
    <message>
        <source>主动评价率</source>
        <translation>Rated rate</translation>
    </message>
    <message>
        <source>未评率</source>
        <translation>Unrated rate</translation>
    </message>
    <message>
        <source>差评回复率</source>
        <translation>Bad-rating reply rate</translation>
    </message>
    <message>
        <source>回访率</source>
        <translation>Revisit rate</translation>
    </message>
    <message>
        <source>回访整改率</source>
        <translation>Revisited and rectified</translation>
    </message>
    <message>
        <source>回访整改满意率</source>
        <translation>Satisfied at revisit</translation>
    </message>
    <message>
        <source>超期未办</source>
        <translation>Overdue open</translation>
    </message>
    <message>
        <source>申诉成立(不计入)</source>
        <translation>Appeals upheld (not counted)</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>{step} — {serial}</source>
        <translation>{step} — {serial}</translation>
    </message>
</context>
<context>
    <name>StepFormDialog</name>
    <message>
        <source>记录后不能删除或修改;如有错误,请用「更正」另行记录。</source>
        <translation>Once recorded it cannot be deleted or changed; record a correction for a mistake.</translation>
    </message>
    <message>
        <source>更正的步骤</source>
        <translation>Step to correct</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StepsModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>{step}(已更正)</source>
        <translation>{step} (corrected)</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>负责人账号</source>
        <translation>Supervisor account</translation>
    </message>
    <message>
        <source>负责人导入事项目录、管理账号和设置、查看评价。请牢记密码。</source>
        <translation>The supervisor imports the catalog, manages accounts and settings, and reviews ratings. Keep the password safe.</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>至少 8 位</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>请再输入一次密码。</source>
        <translation>Enter the password once more.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>SynonymSettings</name>
    <message>
        <source>只有负责人可以修改检索同义词。</source>
        <translation>Only a supervisor can change the search synonyms.</translation>
    </message>
    <message>
        <source>群众常说的词与目录用语的对照,每行一条,如「小饭馆=餐饮、食品经营许可」。检索时,说法与用语都能找到事项;程序自带的对照见 catalog/synonyms.json。</source>
        <translation>What citizens say and the catalog's words for it, one a line, such as 小饭馆=餐饮、食品经营许可. A search finds the items by either; the list the program ships is catalog/synonyms.json.</translation>
    </message>
    <message>
        <source>小饭馆=餐饮、食品经营许可</source>
        <translation>小饭馆=餐饮、食品经营许可</translation>
    </message>
</context>
<context>
    <name>TagListEditor</name>
    <message>
        <source>新标签,最多 {n} 个字</source>
        <translation>New tag, at most {n} characters</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>(登记)</source>
        <translation>(registration)</translation>
    </message>
    <message>
        <source>{step}(已撤回)</source>
        <translation>{step} (withdrawn)</translation>
    </message>
    <message>
        <source>{step}(已更正)</source>
        <translation>{step} (corrected)</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <source>目录版本</source>
        <translation>Catalog versions</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>还没有导入过事项目录。</source>
        <translation>No catalog has been imported yet.</translation>
    </message>
</context>
<context>
    <name>VersionsModel</name>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>事项数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
</context>
<context>
    <name>WindowForm</name>
    <message>
        <source>新增窗口</source>
        <translation>Add window</translation>
    </message>
    <message>
        <source>窗口编号</source>
        <translation>Window number</translation>
    </message>
    <message>
        <source>窗口名称</source>
        <translation>Window name</translation>
    </message>
</context>
<context>
    <name>WindowPage</name>
    <message>
        <source>本窗口</source>
        <translation>This window</translation>
    </message>
    <message>
        <source>本机所在的窗口。告知书和办件登记会写上窗口编号和名称。</source>
        <translation>The window this computer serves. Sheets and case records carry its number and name.</translation>
    </message>
    <message>
        <source>窗口编号</source>
        <translation>Window number</translation>
    </message>
    <message>
        <source>例如 3</source>
        <translation>e.g. 3</translation>
    </message>
    <message>
        <source>窗口名称</source>
        <translation>Window name</translation>
    </message>
    <message>
        <source>例如 3号综合窗口</source>
        <translation>e.g. Window 3</translation>
    </message>
</context>
<context>
    <name>WindowRatings</name>
    <message>
        <source>好差评(&amp;R)</source>
        <translation>&amp;Ratings</translation>
    </message>
    <message>
        <source>评价记录…</source>
        <translation>Ratings…</translation>
    </message>
    <message>
        <source>差评整改台账…</source>
        <translation>Follow-up board…</translation>
    </message>
    <message>
        <source>统计与图表…</source>
        <translation>Figures and charts…</translation>
    </message>
    <message>
        <source>导出评价记录…</source>
        <translation>Export ratings…</translation>
    </message>
    <message>
        <source>生成月度报告…</source>
        <translation>Monthly report…</translation>
    </message>
    <message>
        <source>合并评价记录…</source>
        <translation>Merge ratings…</translation>
    </message>
    <message>
        <source>差评整改台账({n})…</source>
        <translation>Follow-up board ({n})…</translation>
    </message>
    <message>
        <source>收到评价:{serial} — {level}</source>
        <translation>Rating received: {serial} — {level}</translation>
    </message>
</context>
<context>
    <name>WindowsModel</name>
    <message>
        <source>窗口编号</source>
        <translation>Window number</translation>
    </message>
    <message>
        <source>窗口名称</source>
        <translation>Window name</translation>
    </message>
    <message>
        <source>在用人员</source>
        <translation>Active clerks</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>关于窗口助手</source>
        <translation>About Window Assistant</translation>
    </message>
    <message>
        <source>&lt;h3&gt;窗口助手 0.1&lt;/h3&gt;&lt;p&gt;{centre}综合窗口的离线办事助手:事项一键查询、一次性告知、好差评与跨域通办台账。&lt;/p&gt;&lt;p&gt;依据《优化营商环境55条》“同一事项、统一标准”“一次性告知”“无差别受理”等要求设计。&lt;/p&gt;&lt;p&gt;全部数据保存在本机,不依赖互联网。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Window Assistant 0.1&lt;/h3&gt;&lt;p&gt;An offline assistant for the comprehensive window of {centre}: find any item at once, one-time notification sheets, service ratings and the cross-region ledger.&lt;/p&gt;&lt;p&gt;Designed after the district's 55 measures for the business environment: “one item, one standard”, “tell everything once” and “any window serves any item”.&lt;/p&gt;&lt;p&gt;All data stays on this computer; no internet is needed.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>本机没有找到中文字体,窗口和打印的告知书中的汉字会显示成方框。

请安装中文字体后重新启动窗口助手:
  · Debian / Ubuntu / 统信UOS / 麒麟:sudo apt install fonts-noto-cjk
  · 其他 Linux:安装 Noto Sans CJK(思源黑体)或文泉驿字体
  · Windows:确认系统自带的“微软雅黑”“宋体”字体未被删除</source>
        <translation>No Chinese font was found on this computer: Chinese text in windows and printed sheets would show as boxes.

Install a Chinese font, then restart Window Assistant:
  · Debian / Ubuntu / UOS / Kylin: sudo apt install fonts-noto-cjk
  · Other Linux: install Noto Sans CJK (Source Han Sans) or WenQuanYi
  · Windows: make sure the bundled fonts Microsoft YaHei and SimSun have not been removed</translation>
    </message>
    <message>
        <source>缺少中文字体</source>
        <translation>Chinese font missing</translation>
    </message>
    <message>
        <source>窗口助手</source>
        <translation>Window Assistant</translation>
    </message>
    <message>
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <source>自动备份失败</source>
        <translation>Automatic backup failed</translation>
    </message>
</context>
<context>
    <name>case_result</name>
    <message>
        <source>文件夹 {0} 不存在,请换一个位置。</source>
        <translation>The folder {0} does not exist: choose another place.</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>保存告知书</source>
        <translation>Save the sheet</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>出现意外错误,刚才的操作没有完成,已保存的数据不受影响。
详细信息已记入 {log},请把这个文件交给系统管理员。</source>
        <translation>Something unexpected went wrong: the last action was not completed; data already saved is not affected.
The details are in {log}; please give that file to your system administrator.</translation>
    </message>
    <message>
        <source>(日志文件无法写入)</source>
        <translation>(the log file could not be written)</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>{0} 文件</source>
        <translation>{0} file</translation>
    </message>
    <message>
        <source>查找范围(&amp;L):</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>文件类型(&amp;T):</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>guide</name>
    <message>
        <source>高频</source>
        <translation>Frequent</translation>
    </message>
    <message>
        <source>综合窗口</source>
        <translation>Comprehensive window</translation>
    </message>
    <message>
        <source>跨域通办</source>
        <translation>Cross-region</translation>
    </message>
    <message>
        <source>{n} 个{unit}</source>
        <translation>{n} {unit}</translation>
    </message>
    <message>
        <source>当场办结</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <source>未规定</source>
        <translation>Not specified</translation>
    </message>
    <message>
        <source>免提交(可通过电子证照共享获取)</source>
        <translation>Not required (obtained through e-licence sharing)</translation>
    </message>
    <message>
        <source>无需提交材料。</source>
        <translation>No materials required.</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>类型 / 来源</source>
        <translation>Type / source</translation>
    </message>
    <message>
        <source>必要性</source>
        <translation>Necessity</translation>
    </message>
    <message>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>规格:</source>
        <translation>Format: </translation>
    </message>
    <message>
        <source>填报须知:</source>
        <translation>Instructions: </translation>
    </message>
    <message>
        <source>原件 {o}</source>
        <translation>Originals {o}</translation>
    </message>
    <message>
        <source>复印件 {c}</source>
        <translation>Copies {c}</translation>
    </message>
    <message>
        <source>事项编码:</source>
        <translation>Item code: </translation>
    </message>
    <message>
        <source>业务办理项编码:</source>
        <translation>Handling code: </translation>
    </message>
    <message>
        <source>事项类型:</source>
        <translation>Item type: </translation>
    </message>
    <message>
        <source>实施主体:</source>
        <translation>Department: </translation>
    </message>
    <message>
        <source>办件类型:</source>
        <translation>Case type: </translation>
    </message>
    <message>
        <source>申请情形</source>
        <translation>Situations</translation>
    </message>
    <message>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>(按所选情形:{n} / {total} 项)</source>
        <translation>(for the chosen situation: {n} of {total})</translation>
    </message>
    <message>
        <source>(共 {n} 项)</source>
        <translation>({n} in all)</translation>
    </message>
    <message>
        <source>受理条件</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>办理流程</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>法定办结时限</source>
        <translation>Statutory time limit</translation>
    </message>
    <message>
        <source>承诺办结时限</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <source>办件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>收费依据</source>
        <translation>Fee basis</translation>
    </message>
    <message>
        <source>是否收费</source>
        <translation>Charged</translation>
    </message>
    <message>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Charged</translation>
    </message>
    <message>
        <source>办理地点与时间</source>
        <translation>Place and hours</translation>
    </message>
    <message>
        <source>办理地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>办理时间</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>咨询与监督</source>
        <translation>Enquiries and complaints</translation>
    </message>
    <message>
        <source>咨询电话</source>
        <translation>Enquiry phone</translation>
    </message>
    <message>
        <source>监督投诉电话</source>
        <translation>Complaints phone</translation>
    </message>
    <message>
        <source>支持网上办理</source>
        <translation>Can be done online</translation>
    </message>
    <message>
        <source>不支持网上办理</source>
        <translation>Cannot be done online</translation>
    </message>
    <message>
        <source>,网办地址:</source>
        <translation>, online at: </translation>
    </message>
    <message>
        <source>办理方式</source>
        <translation>How to apply</translation>
    </message>
    <message>
        <source>到现场次数</source>
        <translation>Visits in person</translation>
    </message>
    <message>
        <source>{n} 次</source>
        <translation>{n} time(s)</translation>
    </message>
    <message>
        <source>网上办理</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>通办范围</source>
        <translation>Cross-region scope</translation>
    </message>
    <message>
        <source>通办模式</source>
        <translation>Cross-region mode</translation>
    </message>
    <message>
        <source>合作地区</source>
        <translation>Partner regions</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>一件事编码:</source>
        <translation>Bundle code: </translation>
    </message>
    <message>
        <source>牵头部门:</source>
        <translation>Lead department: </translation>
    </message>
    <message>
        <source>高效办成一件事</source>
        <translation>One-stop bundle</translation>
    </message>
    <message>
        <source>包含事项(共 {n} 项,点击查看办事指南)</source>
        <translation>Items ({n}; click one to see its guide)</translation>
    </message>
    <message>
        <source>涉及事项</source>
        <translation>Used by</translation>
    </message>
    <message>
        <source>材料清单(按名称合并,共 {n} 种)</source>
        <translation>Materials (merged by name, {n} in all)</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>负责人忘记密码时,凭此恢复码重设密码。恢复码只显示这一次:请抄在纸上,与中心的钥匙一同保管。用过一次即作废,届时会显示新的恢复码。</source>
        <translation>If the supervisor forgets the password, this recovery code sets a new one. It is shown only this once: write it on paper and keep it with the centre's keys. It works once; a new code is then shown.</translation>
    </message>
</context>
<context>
    <name>sheet_pdf</name>
    <message>
        <source>打印预览 — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>定位到搜索框并全选</source>
        <translation>Go to the search box and select its text</translation>
    </message>
    <message>
        <source>回到搜索框;在搜索框中按则清空搜索</source>
        <translation>Back to the search box; in the search box it clears the search</translation>
    </message>
    <message>
        <source>↓(在搜索框中)</source>
        <translation>↓ (in the search box)</translation>
    </message>
    <message>
        <source>进入结果列表</source>
        <translation>Move into the results</translation>
    </message>
    <message>
        <source>↑ / ↓(在结果列表中)</source>
        <translation>↑ / ↓ (in the results)</translation>
    </message>
    <message>
        <source>选择上一条 / 下一条,右侧办事指南随之切换</source>
        <translation>Select the previous / next result; the guide follows</translation>
    </message>
    <message>
        <source>打开所选事项(记入本窗口常用,下次排在前面)</source>
        <translation>Open the selected item (remembered for this window, ranked higher next time)</translation>
    </message>
    <message>
        <source>选择部门筛选</source>
        <translation>Choose a department filter</translation>
    </message>
    <message>
        <source>选择主题筛选</source>
        <translation>Choose a theme filter</translation>
    </message>
    <message>
        <source>选择第一个申请情形</source>
        <translation>Go to the first situation</translation>
    </message>
    <message>
        <source>转到办事指南(可用方向键滚动)</source>
        <translation>Go to the guide (scroll with the arrow keys)</translation>
    </message>
    <message>
        <source>为所选事项或一件事登记办件(带入已选的申请情形)</source>
        <translation>Register a case for the selected item or bundle (with the situations chosen)</translation>
    </message>
    <message>
        <source>同 F2:登记办件</source>
        <translation>Same as F2: register a case</translation>
    </message>
    <message>
        <source>打开办件台账(详情、办理步骤、重新打印)</source>
        <translation>Open the case ledger (details, steps, reprints)</translation>
    </message>
    <message>
        <source>Enter / Esc(办件台账中)</source>
        <translation>Enter / Esc (in the case ledger)</translation>
    </message>
    <message>
        <source>打开所选办件的详情(办理过程、文书、可记录的步骤)/ 关闭</source>
        <translation>Open the selected case's details (timeline, papers, steps to record) / close them</translation>
    </message>
    <message>
        <source>Ctrl+F(办件台账中)</source>
        <translation>Ctrl+F (in the case ledger)</translation>
    </message>
    <message>
        <source>查找申请人、完整证件号码或编号</source>
        <translation>Find an applicant, a full ID number or a serial</translation>
    </message>
    <message>
        <source>邀请评价:在窗口评价器上显示刚登记的办件(办件窗口、办件台账中同样可用)</source>
        <translation>Invite a rating: show the case just registered on the counter's pad (also in the case window and the case ledger)</translation>
    </message>
    <message>
        <source>扫码枪扫描告知书上的评价二维码</source>
        <translation>Scanning a sheet's rating QR code with the scanner</translation>
    </message>
    <message>
        <source>在搜索框中:邀请评价该办件(不搜索)</source>
        <translation>In the search box: invites a rating of that case (no search)</translation>
    </message>
    <message>
        <source>F11(评价器窗口中)</source>
        <translation>F11 (in the rating pad)</translation>
    </message>
    <message>
        <source>评价器全屏 / 退出全屏</source>
        <translation>Rating pad full screen on / off</translation>
    </message>
    <message>
        <source>Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4(办件窗口中)</source>
        <translation>Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4 (in a case)</translation>
    </message>
    <message>
        <source>转到 申请情形 / 已带材料 / 申请人 / 告知书与办件结果</source>
        <translation>Go to situation / materials brought / applicant / sheet and outcome</translation>
    </message>
    <message>
        <source>空格(材料列表中)</source>
        <translation>Space (in the materials)</translation>
    </message>
    <message>
        <source>勾选或取消当前材料(已带)</source>
        <translation>Tick or untick the current material (brought)</translation>
    </message>
    <message>
        <source>Ctrl+A / Ctrl+Shift+A(办件窗口中)</source>
        <translation>Ctrl+A / Ctrl+Shift+A (in a case)</translation>
    </message>
    <message>
        <source>材料全部已带 / 全部未带</source>
        <translation>All materials brought / none brought</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P(办件窗口中)</source>
        <translation>Ctrl+Shift+P (in a case)</translation>
    </message>
    <message>
        <source>预览告知书(不登记,编号显示为 ______)</source>
        <translation>Preview the sheet (nothing registered; the serial shows ______)</translation>
    </message>
    <message>
        <source>Ctrl+P(办件窗口中)</source>
        <translation>Ctrl+P (in a case)</translation>
    </message>
    <message>
        <source>登记并打开打印预览(再按 Ctrl+P 打印);设为直接打印时直接送默认打印机</source>
        <translation>Register and open the print preview (Ctrl+P there prints); with direct printing, straight to the default printer</translation>
    </message>
    <message>
        <source>Ctrl+S(办件窗口中)</source>
        <translation>Ctrl+S (in a case)</translation>
    </message>
    <message>
        <source>登记并保存告知书(PDF 或 Word)</source>
        <translation>Register and save the sheet (PDF or Word)</translation>
    </message>
    <message>
        <source>Ctrl+P / Ctrl+S(办件台账及办件详情中)</source>
        <translation>Ctrl+P / Ctrl+S (in the case ledger and a case's details)</translation>
    </message>
    <message>
        <source>重新打印 / 另存所选办件的告知书(与原件相同)</source>
        <translation>Reprint / save the selected case's sheet (identical to the original)</translation>
    </message>
    <message>
        <source>锁定屏幕;解锁时可换人登录(不关闭窗口助手)</source>
        <translation>Lock the screen; another user may sign in to unlock (the app stays open)</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>显示本快捷键列表</source>
        <translation>Show this list of shortcuts</translation>
    </message>
</context>
</TS>