"""The words of the compliant sample documents (plausible commune, school and department texts, 2026).

Each function returns a :class:`layout.Spec`; the way the file is built (styles, header
technique, lines, sizes, margins) is chosen per document so that the set covers what real
Word files do.
"""

from __future__ import annotations

from layout import Appendix, Layout, Spec

UBND_XA = ["ỦY BAN NHÂN DÂN", "XÃ PHƯỢNG TIẾN"]
KH05_REF = "(Kèm theo Kế hoạch số 05/KH-UBND ngày 08 tháng 5 năm 2026 của Ủy ban nhân dân xã Phượng Tiến)"


def kh_chuyen_doi_so() -> Spec:
    """Kế hoạch, 3+ pages, Phụ lục I in the same file; formatting from docDefaults + Normal."""
    body = [
        ("p", "Thực hiện Kế hoạch số 112/KH-UBND ngày 20 tháng 02 năm 2026 của Ủy ban nhân dân tỉnh Thái Nguyên về "
              "chuyển đổi số năm 2026; Nghị quyết số 03-NQ/ĐU ngày 15 tháng 01 năm 2026 của Ban Chấp hành Đảng bộ xã "
              "về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, Ủy ban nhân dân xã Phượng Tiến "
              "ban hành Kế hoạch triển khai chuyển đổi số trên địa bàn xã năm 2026 như sau:"),
        ("roman", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("num", "1. Mục đích"),
        ("p", "Đẩy mạnh chuyển đổi số trong hoạt động của cơ quan Đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể "
              "chính trị - xã hội xã; nâng cao chất lượng giải quyết thủ tục hành chính, lấy người dân và doanh nghiệp "
              "làm trung tâm phục vụ."),
        ("p", "Phát triển chính quyền số, kinh tế số và xã hội số trên địa bàn xã; phấn đấu đến hết năm 2026 có ít nhất "
              "80% hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến toàn trình."),
        ("num", "2. Yêu cầu"),
        ("p", "Các nhiệm vụ phải được triển khai đồng bộ, có trọng tâm, trọng điểm, gắn với trách nhiệm của người đứng "
              "đầu; bảo đảm an toàn, an ninh thông tin trong quá trình vận hành các hệ thống thông tin."),
        ("p", "Các phòng, ban chuyên môn, đơn vị sự nghiệp và các thôn, xóm chủ động phối hợp, định kỳ báo cáo kết quả "
              "thực hiện về Ủy ban nhân dân xã qua Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã."),
        ("roman", "II. NHIỆM VỤ, GIẢI PHÁP"),
        ("num", "1. Nâng cao nhận thức về chuyển đổi số"),
        ("p", "Tuyên truyền trên hệ thống loa truyền thanh của xã và các thôn, xóm về lợi ích của dịch vụ công trực "
              "tuyến, thanh toán không dùng tiền mặt và tài khoản định danh điện tử mức độ 2; mỗi tháng ít nhất 04 bản "
              "tin phát vào buổi sáng và buổi chiều."),
        ("p", "Duy trì hoạt động của 18 Tổ công nghệ số cộng đồng tại các thôn, xóm; tổ chức hướng dẫn người dân cài "
              "đặt và sử dụng ứng dụng VNeID, Cổng Dịch vụ công quốc gia và các ứng dụng ngân hàng số."),
        ("num", "2. Phát triển hạ tầng số"),
        ("p", "Phối hợp với các doanh nghiệp viễn thông rà soát vùng lõm sóng di động tại các thôn Khẩu Đắc, Đồng Hoàng "
              "và Na Lang; đề nghị lắp đặt bổ sung trạm phát sóng, bảo đảm 100% thôn, xóm có cáp quang đến hộ gia đình."),
        ("p", "Trang bị bổ sung máy tính, máy quét tài liệu cho bộ phận Một cửa của xã; bảo đảm đường truyền số liệu "
              "chuyên dùng hoạt động ổn định, kết nối thông suốt với hệ thống thông tin giải quyết thủ tục hành chính "
              "của tỉnh."),
        ("num", "3. Phát triển chính quyền số"),
        ("p", "Tiếp tục số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực; cập nhật đầy đủ dữ liệu hộ "
              "tịch, đất đai, an sinh xã hội vào cơ sở dữ liệu dùng chung của tỉnh."),
        ("p", "Toàn bộ văn bản đi của Ủy ban nhân dân xã, trừ văn bản mật, được ký số và gửi nhận trên hệ thống quản lý "
              "văn bản và điều hành; lập hồ sơ điện tử công việc đối với 100% cán bộ, công chức."),
        ("num", "4. Phát triển kinh tế số và xã hội số"),
        ("p", "Hỗ trợ các hợp tác xã chè, hộ sản xuất sản phẩm OCOP của xã đưa sản phẩm lên sàn thương mại điện tử; "
              "hướng dẫn người bán hàng tại chợ xã sử dụng mã QR để thanh toán."),
        ("p", "Khuyến khích người dân sử dụng sổ sức khỏe điện tử, hồ sơ học bạ số và thanh toán học phí, viện phí "
              "không dùng tiền mặt; phấn đấu 70% người trong độ tuổi lao động có tài khoản thanh toán điện tử."),
        ("roman", "III. KINH PHÍ THỰC HIỆN"),
        ("p", "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách xã năm 2026 đã được Hội đồng nhân dân xã giao "
              "và các nguồn huy động hợp pháp khác theo quy định; dự kiến chi tiết tại Phụ lục I và Phụ lục II kèm theo."),
        ("roman", "IV. TỔ CHỨC THỰC HIỆN"),
        ("num", "1. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"),
        ("p", "Là cơ quan thường trực, tham mưu Ủy ban nhân dân xã theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp "
              "kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 năm 2026."),
        ("num", "2. Phòng Kinh tế"),
        ("p", "Chủ trì hướng dẫn các hợp tác xã, hộ kinh doanh tham gia sàn thương mại điện tử; phối hợp với các tổ "
              "chức tín dụng trên địa bàn mở rộng thanh toán không dùng tiền mặt."),
        ("num", "3. Phòng Văn hóa - Xã hội"),
        ("p", "Chủ trì công tác tuyên truyền; hướng dẫn các trường học, trạm y tế triển khai học bạ số, sổ sức khỏe "
              "điện tử và các nền tảng số dùng chung của ngành."),
        ("num", "4. Trưởng các thôn, xóm"),
        ("p", "Phối hợp với Tổ công nghệ số cộng đồng vận động người dân tham gia; kịp thời phản ánh khó khăn, vướng "
              "mắc về Ủy ban nhân dân xã để được hướng dẫn, giải quyết."),
        ("p", "Trên đây là Kế hoạch triển khai chuyển đổi số trên địa bàn xã Phượng Tiến năm 2026. Trong quá trình "
              "thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo Ủy ban nhân dân xã (qua "
              "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã) để xem xét, giải quyết"),
    ]
    rows = ["STT|Nội dung|Đơn vị chủ trì|Kinh phí (triệu đồng)",
            "1|Tuyên truyền trên hệ thống loa truyền thanh|Phòng Văn hóa - Xã hội|25",
            "2|Trang thiết bị cho bộ phận Một cửa|Văn phòng HĐND và UBND xã|120",
            "3|Hỗ trợ Tổ công nghệ số cộng đồng|Phòng Văn hóa - Xã hội|54",
            "4|Đưa sản phẩm OCOP lên sàn thương mại điện tử|Phòng Kinh tế|30",
            "|Tổng cộng||229"]
    return Spec(
        key="kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc", kind="KH", agency=UBND_XA, number="05", symbol="KH-UBND",
        place="Phượng Tiến", date=(2026, 5, 8), type_name="KẾ HOẠCH",
        trich_yeu="Triển khai chuyển đổi số trên địa bàn xã Phượng Tiến năm 2026",
        authority=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], signer="Ma Thị Thu Hà",
        noi_nhan=["- UBND tỉnh Thái Nguyên (b/c);", "- Sở Khoa học và Công nghệ (b/c);", "- TT Đảng ủy, HĐND xã (b/c);",
                  "- Chủ tịch, các PCT UBND xã;", "- Các phòng, ban, đơn vị thuộc xã;", "- Trưởng các thôn, xóm;",
                  "- Lưu: VT, VP."],
        body=body,
        appendix=Appendix("Phụ lục I", "DỰ KIẾN KINH PHÍ THỰC HIỆN NĂM 2026", KH05_REF,
                          [r.split("|") for r in rows], [1, 6, 4, 3]),
        layout=Layout(mode="defaults", header="table", lines="border", margins=(20, 20, 30, 15)),
    )


def qd_thanh_lap_to() -> Spec:
    """Quyết định with thẩm quyền line, căn cứ, "QUYẾT ĐỊNH:", Điều 1–3; theme fonts, wps lines, 12/13/13."""
    return Spec(
        key="qd-ubnd-thanh-lap-to-cong-tac", kind="QĐ", agency=UBND_XA, number="112", symbol="QĐ-UBND",
        place="Phượng Tiến", date=(2026, 2, 3), type_name="QUYẾT ĐỊNH",
        trich_yeu="Về việc thành lập Tổ công tác rà soát hồ sơ thủ tục hành chính năm 2026",
        tham_quyen="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN",
        can_cu=["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục hành "
                "chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia;",
                "Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã."],
        body=[("center", "QUYẾT ĐỊNH:"),
              ("dieu", "Điều 1. Thành lập Tổ công tác rà soát hồ sơ thủ tục hành chính năm 2026 của Ủy ban nhân dân xã "
                       "Phượng Tiến (sau đây gọi tắt là Tổ công tác), gồm các ông (bà) có tên sau:"),
              ("p", "1. Ông Hoàng Văn Khánh, Phó Chủ tịch Ủy ban nhân dân xã - Tổ trưởng;"),
              ("p", "2. Bà Lường Thị Mai, Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã - Tổ phó;"),
              ("p", "3. Ông Nông Đức Thịnh, công chức Văn phòng - Thống kê - Thành viên;"),
              ("p", "4. Bà Đinh Thị Ngọc, công chức Tư pháp - Hộ tịch - Thành viên."),
              ("dieu", "Điều 2. Tổ công tác có nhiệm vụ rà soát toàn bộ hồ sơ thủ tục hành chính tiếp nhận từ ngày 01 "
                       "tháng 01 năm 2026, kiến nghị xử lý hồ sơ quá hạn và báo cáo kết quả về Chủ tịch Ủy ban nhân dân "
                       "xã trước ngày 30 tháng 3 năm 2026. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ."),
              ("dieu", "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Hội đồng nhân dân và Ủy ban "
                       "nhân dân xã, Trưởng các phòng chuyên môn và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi "
                       "hành Quyết định này")],
        authority=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], signer="Hoàng Văn Khánh",
        noi_nhan=["- Như Điều 3;", "- Chủ tịch UBND xã;", "- Lưu: VT, VP."],
        layout=Layout(mode="theme", header="table", lines="wps", qh=12, tn=13, date=13, agency=12, type_size=13,
                      ty_size=13, body=13, sign=13, number_size=13, margins=(25, 25, 35, 20), body_first=567),
    )


def cv_mot_noi_nhan() -> Spec:
    """Công văn to one recipient; direct formatting, tab-stop header, VML lines, simple PAGE field."""
    return Spec(
        key="cv-ubnd-mot-noi-nhan-2-trang", kind="CV", agency=UBND_XA, number="245", symbol="UBND-VP", place="Phượng Tiến",
        date=(2026, 5, 12), trich_yeu="V/v số hóa sổ hộ tịch",
        kinh_gui=["Sở Tư pháp tỉnh Thái Nguyên."],
        body=[("p", "Thực hiện Công văn số 1520/STP-HCTP ngày 22 tháng 4 năm 2026 của Sở Tư pháp tỉnh Thái Nguyên về "
                    "việc báo cáo tiến độ số hóa sổ hộ tịch, Ủy ban nhân dân xã Phượng Tiến báo cáo như sau:"),
              ("p", "1. Tổng số sổ hộ tịch đang lưu trữ tại xã: 146 sổ, với 21.380 trang; đến ngày 10 tháng 5 năm 2026 "
                    "đã số hóa và cập nhật vào Cơ sở dữ liệu hộ tịch điện tử 128 sổ, đạt 87,7%."),
              ("p", "Trong đó: sổ đăng ký khai sinh 58 sổ (đã số hóa 53 sổ); sổ đăng ký kết hôn 31 sổ (đã số hóa 29 sổ); "
                    "sổ đăng ký khai tử 27 sổ (đã số hóa 25 sổ); sổ đăng ký nhận cha, mẹ, con và các sổ hộ tịch khác 30 "
                    "sổ (đã số hóa 21 sổ). Toàn bộ dữ liệu sau khi số hóa đã được công chức Tư pháp - Hộ tịch kiểm tra, "
                    "đối chiếu với sổ gốc trước khi cập nhật."),
              ("p", "2. Khó khăn: một số sổ đăng ký khai sinh giai đoạn 1985 - 1995 bị ẩm mốc, mờ chữ, phải đối chiếu "
                    "với bản sao lưu tại lưu trữ tỉnh; máy quét tài liệu của xã thường xuyên hỏng; công chức Tư pháp - "
                    "Hộ tịch vừa làm nhiệm vụ tiếp nhận hồ sơ tại Bộ phận Một cửa, vừa thực hiện số hóa nên tiến độ chưa "
                    "bảo đảm theo kế hoạch."),
              ("p", "Việc nhập dữ liệu các trường hợp đăng ký hộ tịch trước năm 1999 gặp nhiều khó khăn do biểu mẫu cũ "
                    "không có đủ các trường thông tin theo cấu trúc của Cơ sở dữ liệu hộ tịch điện tử hiện nay; nhiều "
                    "trường hợp ghi tên địa danh cũ (thôn, xóm đã sáp nhập) cần xác minh trước khi nhập."),
              ("p", "3. Kiến nghị: đề nghị Sở Tư pháp hỗ trợ 01 máy quét tài liệu khổ A3 và cử cán bộ hướng dẫn nghiệp "
                    "vụ cập nhật dữ liệu đối với các trường hợp sai lệch thông tin; đồng thời hướng dẫn cách ghi địa "
                    "danh đối với các thôn, xóm đã sáp nhập."),
              ("p", "4. Dự kiến tiến độ: Ủy ban nhân dân xã phấn đấu hoàn thành việc số hóa 18 sổ còn lại trước ngày 30 "
                    "tháng 6 năm 2026; định kỳ hằng tháng báo cáo kết quả về Sở Tư pháp qua hệ thống quản lý văn bản "
                    "và điều hành."),
              ("p", "5. Về bảo quản sổ gốc: sau khi số hóa, các sổ hộ tịch được sắp xếp theo năm đăng ký, đóng hộp và "
                    "bảo quản tại kho lưu trữ của xã; những sổ bị hư hỏng nặng đã được lập danh mục riêng, đề nghị Sở "
                    "Tư pháp phối hợp với Trung tâm Lưu trữ lịch sử tỉnh hướng dẫn tu bổ, phục chế theo quy định."),
              ("p", "6. Về khai thác dữ liệu: từ ngày 01 tháng 4 năm 2026, Bộ phận Một cửa của xã đã cấp 1.126 bản sao "
                    "trích lục hộ tịch từ dữ liệu đã số hóa, rút ngắn thời gian giải quyết từ 01 ngày làm việc xuống "
                    "còn trong ngày; không có trường hợp phản ánh, kiến nghị về sai sót thông tin."),
              ("p", "Ủy ban nhân dân xã Phượng Tiến trân trọng báo cáo")],
        authority=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer="Nguyễn Đức Phượng",
        noi_nhan=["- Như trên;", "- TT Đảng ủy xã (b/c);", "- Lưu: VT, VP."],
        layout=Layout(mode="explicit", header="tabs", lines="vml", field="simple", signblock="tabs",
                      margins=(20, 20, 30, 15), body=14, left_frac=0.42),
    )


def cv_nhieu_noi_nhan() -> Spec:
    """Công văn of a department to several recipients, signed by an acting director (Q.)."""
    return Spec(
        key="cv-so-noi-vu-nhieu-noi-nhan", kind="CV", parent="UBND TỈNH THÁI NGUYÊN", agency=["SỞ NỘI VỤ"],
        number="1203", symbol="SNV-CCVC", place="Thái Nguyên", date=(2026, 1, 6),
        trich_yeu="V/v rà soát số lượng công chức cấp xã năm 2026",
        kinh_gui=["- Ủy ban nhân dân các xã, phường;", "- Văn phòng Hội đồng nhân dân và Ủy ban nhân dân các xã, phường."],
        body=[("p", "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc sắp xếp, bố trí đội ngũ công chức cấp xã sau khi "
                    "tổ chức chính quyền địa phương hai cấp, Sở Nội vụ đề nghị Ủy ban nhân dân các xã, phường thực hiện "
                    "một số nội dung sau:"),
              ("p", "1. Rà soát số lượng, cơ cấu công chức hiện có theo vị trí việc làm; tổng hợp theo Biểu mẫu số 01 "
                    "kèm theo Công văn này."),
              ("p", "2. Đề xuất nhu cầu tuyển dụng, điều động công chức năm 2026, nêu rõ vị trí việc làm còn thiếu và "
                    "trình độ chuyên môn cần bổ sung."),
              ("p", "3. Gửi báo cáo bằng văn bản điện tử có ký số qua hệ thống quản lý văn bản và điều hành về Sở Nội vụ "
                    "trước ngày 20 tháng 01 năm 2026 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh."),
              ("p", "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Phòng Công chức, viên chức, Sở Nội vụ "
                    "(điện thoại 0208.3855.214) để được hướng dẫn")],
        authority=["Q. GIÁM ĐỐC"], signer="Trần Quang Vinh",
        noi_nhan=["- Như trên;", "- UBND tỉnh (b/c);", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, CCVC."],
        layout=Layout(mode="defaults", header="table", lines="wps", margins=(25, 25, 35, 20), field="complex",
                      number_size=13, body_after=120, body_line=276),
    )


def ttr_phong() -> Spec:
    """Tờ trình of a commune office to the commune People's Committee; theme fonts, 12/13/13."""
    return Spec(
        key="ttr-phong-vhxh-de-nghi-kinh-phi", kind="TTr", parent="UBND XÃ PHƯỢNG TIẾN",
        agency=["PHÒNG VĂN HÓA - XÃ HỘI"], number="08", symbol="TTr-VHXH", place="Phượng Tiến", date=(2026, 3, 17),
        type_name="TỜ TRÌNH", trich_yeu="Đề nghị phê duyệt kinh phí tổ chức Ngày hội văn hóa các dân tộc năm 2026",
        kinh_gui=["Ủy ban nhân dân xã Phượng Tiến."],
        body=[("p", "Căn cứ Kế hoạch số 02/KH-UBND ngày 12 tháng 01 năm 2026 của Ủy ban nhân dân xã về tổ chức các hoạt "
                    "động văn hóa, thể thao năm 2026, Phòng Văn hóa - Xã hội kính trình Ủy ban nhân dân xã xem xét, phê "
                    "duyệt kinh phí tổ chức Ngày hội văn hóa các dân tộc xã Phượng Tiến năm 2026 như sau:"),
              ("p", "1. Thời gian, địa điểm: ngày 18 và 19 tháng 4 năm 2026, tại sân vận động trung tâm xã."),
              ("p", "2. Nội dung: thi trình diễn trang phục dân tộc Tày, Nùng, Dao; hát then, đàn tính; thi các môn thể "
                    "thao dân tộc (kéo co, đẩy gậy, ném còn); gian hàng giới thiệu sản phẩm chè và sản phẩm OCOP."),
              ("p", "3. Tổng kinh phí đề nghị: 85.000.000 đồng (Tám mươi lăm triệu đồng), từ nguồn kinh phí sự nghiệp "
                    "văn hóa năm 2026 đã giao trong dự toán."),
              ("p", "Phòng Văn hóa - Xã hội kính trình Ủy ban nhân dân xã xem xét, quyết định")],
        authority=["TRƯỞNG PHÒNG"], signer="Lưu Thị Hằng",
        noi_nhan=["- Như trên;", "- Phó Chủ tịch UBND xã (đ/c Khánh);", "- Lưu: VT, VHXH."],
        layout=Layout(mode="theme", header="table", lines="border", qh=12, tn=13, date=13, agency=12, body=14,
                      margins=(20, 20, 30, 20)),
    )


def tb_ket_luan() -> Spec:
    """Thông báo signed under delegation (TUQ.); direct formatting, VML lines."""
    return Spec(
        key="tb-ubnd-ket-luan-chu-tich", kind="TB", agency=UBND_XA, number="20", symbol="TB-UBND", place="Phượng Tiến",
        date=(2026, 4, 9), type_name="THÔNG BÁO",
        trich_yeu="Kết luận của Chủ tịch Ủy ban nhân dân xã tại cuộc họp giao ban tháng 4 năm 2026",
        body=[("p", "Ngày 06 tháng 4 năm 2026, đồng chí Nguyễn Đức Phượng, Chủ tịch Ủy ban nhân dân xã chủ trì cuộc họp "
                    "giao ban tháng 4 năm 2026. Tham dự có các đồng chí Phó Chủ tịch Ủy ban nhân dân xã, lãnh đạo các "
                    "phòng, ban chuyên môn và Trưởng các thôn, xóm."),
              ("p", "Sau khi nghe báo cáo kết quả thực hiện nhiệm vụ tháng 3 và ý kiến phát biểu của các đại biểu, Chủ "
                    "tịch Ủy ban nhân dân xã kết luận như sau:"),
              ("p", "1. Phòng Kinh tế khẩn trương hoàn thành việc kiểm đếm, bồi thường giải phóng mặt bằng tuyến đường "
                    "liên xã Phượng Tiến - Tân Dương trước ngày 30 tháng 4 năm 2026."),
              ("p", "2. Phòng Văn hóa - Xã hội chuẩn bị chu đáo các điều kiện tổ chức Ngày hội văn hóa các dân tộc; "
                    "bảo đảm an toàn, tiết kiệm, đúng quy định."),
              ("p", "3. Trưởng các thôn, xóm tăng cường tuyên truyền phòng, chống cháy rừng trong mùa khô; tuyệt đối không "
                    "đốt thực bì khi chưa được phép."),
              ("p", "Ủy ban nhân dân xã thông báo để các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện")],
        authority=["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], signer="Lường Thị Mai",
        noi_nhan=["- Chủ tịch, các PCT UBND xã;", "- Các phòng, ban chuyên môn;", "- Trưởng các thôn, xóm;",
                  "- Lưu: VT, VP."],
        layout=Layout(mode="explicit", header="table", lines="vml", margins=(20, 20, 30, 15), body=14),
    )


def gm_hoi_nghi() -> Spec:
    """Giấy mời; stacked TL./KT. authority; tab header, wps lines, tab signature block."""
    return Spec(
        key="gm-ubnd-hoi-nghi-so-ket", kind="GM", agency=UBND_XA, number="18", symbol="GM-UBND", place="Phượng Tiến",
        date=(2026, 6, 22), type_name="GIẤY MỜI", trich_yeu="Hội nghị sơ kết công tác 6 tháng đầu năm 2026",
        body=[("p", "Ủy ban nhân dân xã Phượng Tiến trân trọng kính mời: đại diện lãnh đạo Đảng ủy, Hội đồng nhân dân, "
                    "Ủy ban Mặt trận Tổ quốc Việt Nam xã; Trưởng các phòng, ban chuyên môn; Bí thư chi bộ và Trưởng các "
                    "thôn, xóm."),
              ("p", "Tới dự Hội nghị sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2026."),
              ("p", "Chủ trì: đồng chí Nguyễn Đức Phượng, Chủ tịch Ủy ban nhân dân xã."),
              ("p", "Thời gian: 01 buổi, bắt đầu từ 08 giờ 00 phút, ngày 30 tháng 6 năm 2026 (thứ Ba)."),
              ("p", "Địa điểm: Hội trường Ủy ban nhân dân xã Phượng Tiến."),
              ("p", "Đề nghị các đại biểu bố trí thời gian tham dự đầy đủ, đúng giờ")],
        authority=["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], signer="Ma Văn Toàn",
        noi_nhan=["- Như thành phần mời;", "- Lưu: VT, VP."],
        layout=Layout(mode="defaults", header="tabs", lines="wps", signblock="tabs", margins=(20, 20, 30, 15),
                      left_frac=0.42),
    )


def bc_truong_thcs() -> Spec:
    """A school's báo cáo (TRƯỜNG THCS under UBND XÃ) with Kính gửi; direct formatting, border lines."""
    return Spec(
        key="bc-truong-thcs-ket-qua-hoc-ky", kind="BC", parent="UBND XÃ PHƯỢNG TIẾN", agency=["TRƯỜNG THCS PHƯỢNG TIẾN"],
        number="15", symbol="BC-THCS", place="Phượng Tiến", date=(2026, 1, 19), type_name="BÁO CÁO",
        trich_yeu="Kết quả giáo dục học kỳ I năm học 2025 - 2026",
        kinh_gui=["Phòng Văn hóa - Xã hội xã Phượng Tiến."],
        body=[("roman", "I. TÌNH HÌNH CHUNG"),
              ("p", "Năm học 2025 - 2026, nhà trường có 12 lớp với 398 học sinh; 31 cán bộ, giáo viên, nhân viên, trong "
                    "đó 100% giáo viên đạt chuẩn trình độ đào tạo theo Luật Giáo dục năm 2019."),
              ("roman", "II. KẾT QUẢ HỌC KỲ I"),
              ("p", "1. Kết quả học tập: mức Tốt 21,4%; mức Khá 43,2%; mức Đạt 33,9%; mức Chưa đạt 1,5%."),
              ("p", "2. Kết quả rèn luyện: mức Tốt 88,7%; mức Khá 10,1%; mức Đạt 1,2%; không có học sinh xếp mức Chưa đạt."),
              ("p", "3. Học sinh giỏi cấp tỉnh: 04 giải (01 giải Nhì môn Ngữ văn, 03 giải Khuyến khích)."),
              ("roman", "III. PHƯƠNG HƯỚNG HỌC KỲ II"),
              ("p", "Tiếp tục đổi mới phương pháp dạy học theo Chương trình giáo dục phổ thông 2018; tăng cường phụ đạo "
                    "học sinh có kết quả học tập mức Chưa đạt; chuẩn bị tốt cho kỳ thi tuyển sinh vào lớp 10 năm học "
                    "2026 - 2027")],
        authority=["HIỆU TRƯỞNG"], signer="Đàm Thị Thanh Xuân",
        noi_nhan=["- Như trên;", "- Lưu: VT, CM."],
        layout=Layout(mode="explicit", header="table", lines="border", margins=(20, 20, 30, 15), body=13,
                      number_size=13),
    )


def kh_truong_thpt() -> Spec:
    """A school's kế hoạch under the provincial Sở GD&ĐT; KT. HIỆU TRƯỞNG; theme fonts, wps lines."""
    return Spec(
        key="kh-truong-thpt-on-thi-tot-nghiep", kind="KH", parent="SỞ GD&ĐT THÁI NGUYÊN",
        agency=["TRƯỜNG THPT ĐỊNH HÓA"], number="09", symbol="KH-THPTĐH", place="Định Hóa", date=(2026, 2, 24),
        type_name="KẾ HOẠCH", trich_yeu="Ôn tập cho học sinh lớp 12 thi tốt nghiệp trung học phổ thông năm 2026",
        body=[("roman", "I. MỤC ĐÍCH, YÊU CẦU"),
              ("p", "Giúp học sinh lớp 12 hệ thống hóa kiến thức, rèn luyện kỹ năng làm bài thi theo định dạng đề thi tốt "
                    "nghiệp trung học phổ thông từ năm 2025; phấn đấu tỷ lệ tốt nghiệp đạt trên 99%."),
              ("roman", "II. NỘI DUNG, THỜI GIAN"),
              ("p", "1. Thời gian ôn tập: từ ngày 02 tháng 3 năm 2026 đến ngày 20 tháng 6 năm 2026, mỗi tuần 03 buổi "
                    "chiều (thứ Hai, thứ Tư, thứ Sáu)."),
              ("p", "2. Môn ôn tập: Toán, Ngữ văn và các môn lựa chọn theo đăng ký của học sinh; mỗi môn tổ chức ít nhất "
                    "02 lần thi thử có chấm, chữa chi tiết."),
              ("roman", "III. TỔ CHỨC THỰC HIỆN"),
              ("p", "Các tổ chuyên môn xây dựng nội dung ôn tập chi tiết, nộp về Ban Giám hiệu trước ngày 27 tháng 02 năm "
                    "2026; giáo viên chủ nhiệm lớp 12 phối hợp với cha mẹ học sinh theo dõi, đôn đốc học sinh tham gia "
                    "đầy đủ")],
        authority=["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"], signer="Nông Văn Hưng",
        noi_nhan=["- Sở GDĐT (b/c);", "- Hiệu trưởng;", "- Các tổ chuyên môn;", "- Lưu: VT, CM."],
        layout=Layout(mode="theme", header="table", lines="wps", margins=(20, 20, 30, 15), body=14, left_frac=0.46),
    )


def bb_hop() -> Spec:
    """Biên bản: no date line; THƯ KÝ and CHỦ TỌA sign; Nơi nhận under them."""
    return Spec(
        key="bb-ubnd-hop-ban-chi-dao", kind="BB", agency=UBND_XA, number="03", symbol="BB-UBND", place="Phượng Tiến",
        date=(2026, 5, 12), type_name="BIÊN BẢN", trich_yeu="Họp Ban Chỉ đạo chuyển đổi số xã Phượng Tiến",
        date_line=False,
        body=[("p", "Thời gian bắt đầu: 14 giờ 00 phút, ngày 12 tháng 5 năm 2026."),
              ("p", "Địa điểm: Phòng họp số 2, Ủy ban nhân dân xã Phượng Tiến."),
              ("p", "Thành phần tham dự: 11/13 thành viên Ban Chỉ đạo; vắng 02 thành viên có lý do."),
              ("p", "Chủ trì (chủ tọa): ông Nguyễn Đức Phượng, Chủ tịch Ủy ban nhân dân xã, Trưởng Ban Chỉ đạo."),
              ("p", "Thư ký (người ghi biên bản): bà Đinh Thị Ngọc, công chức Văn phòng - Thống kê."),
              ("p", "Nội dung: Ban Chỉ đạo nghe Văn phòng báo cáo tiến độ thực hiện Kế hoạch số 05/KH-UBND; các thành viên "
                    "thảo luận, thống nhất giao Phòng Kinh tế hoàn thành việc hỗ trợ 05 hợp tác xã đưa sản phẩm lên sàn "
                    "thương mại điện tử trong tháng 6 năm 2026."),
              ("p", "Cuộc họp kết thúc vào 16 giờ 30 phút cùng ngày; biên bản đã được đọc lại cho các thành viên dự họp "
                    "cùng nghe và nhất trí")],
        authority=["CHỦ TỌA"], signer="Nguyễn Đức Phượng", secretary=("THƯ KÝ", "Đinh Thị Ngọc"),
        noi_nhan=["- Thành viên Ban Chỉ đạo;", "- Lưu: VT, Hồ sơ."],
        layout=Layout(mode="defaults", header="table", lines="border", margins=(20, 20, 30, 15)),
    )


def pl_rieng() -> Spec:
    """A separate-file appendix (Mẫu 2.2) of Kế hoạch 05/KH-UBND."""
    rows = ["STT|Thôn, xóm|Số hộ|Số người có tài khoản định danh mức 2|Tỷ lệ (%)",
            "1|Khẩu Đắc|142|398|76,5", "2|Đồng Hoàng|118|321|72,3", "3|Na Lang|96|240|68,4",
            "4|Nà Pài|131|377|74,9", "5|Bản Cọ|88|215|66,0", "|Cộng|575|1.551|72,4"]
    return Spec(
        key="pl-rieng-kh05-phu-luc-ii", kind="KH", agency=UBND_XA, number="05", symbol="KH-UBND", place="Phượng Tiến",
        date=(2026, 5, 8), trich_yeu="", authority=[], signer="", noi_nhan=[], body=[], appendix_only=True,
        appendix=Appendix("Phụ lục II", "CHỈ TIÊU TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ THEO THÔN, XÓM", KH05_REF,
                          [r.split("|") for r in rows], [1, 4, 2, 5, 2],
                          notes=["Số liệu do Công an xã cung cấp, cập nhật đến ngày 30 tháng 4 năm 2026; tỷ lệ được tính trên số "
                                 "công dân từ đủ 14 tuổi trở lên đang cư trú tại thôn, xóm./."]),
        layout=Layout(mode="defaults", header="table", lines="border", margins=(20, 20, 30, 15)),
    )


def da_du_lich() -> Spec:
    """Đề án divided into Phần (Roman) with titles, then I./1. inside; a 2-page document."""
    return Spec(
        key="da-ubnd-du-lich-cong-dong-phan-i-ii", kind="ĐA", agency=UBND_XA, number="02", symbol="ĐA-UBND",
        place="Phượng Tiến", date=(2026, 3, 2), type_name="ĐỀ ÁN",
        trich_yeu="Phát triển du lịch cộng đồng xã Phượng Tiến giai đoạn 2026 - 2030",
        body=[("phan", "Phần I|SỰ CẦN THIẾT VÀ CĂN CỨ XÂY DỰNG ĐỀ ÁN"),
              ("roman", "I. SỰ CẦN THIẾT"),
              ("p", "Xã Phượng Tiến có cảnh quan đồi chè, suối Khẩu Đắc và hệ thống di tích thuộc Khu di tích quốc gia "
                    "đặc biệt ATK Định Hóa; đồng bào Tày, Nùng, Dao còn giữ được nhiều nét văn hóa truyền thống như hát "
                    "then, đàn tính, lễ hội Lồng tồng. Tuy vậy, hoạt động du lịch mới tự phát, quy mô nhỏ, chưa có sản "
                    "phẩm đặc trưng và chưa mang lại thu nhập ổn định cho người dân."),
              ("p", "Việc xây dựng Đề án nhằm khai thác hiệu quả tiềm năng, lợi thế của xã, gắn phát triển du lịch với "
                    "bảo tồn văn hóa, bảo vệ môi trường và xây dựng nông thôn mới nâng cao."),
              ("roman", "II. CĂN CỨ XÂY DỰNG ĐỀ ÁN"),
              ("p", "Luật Du lịch ngày 19 tháng 6 năm 2017; Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai "
                    "đoạn 2026 - 2030; Nghị quyết Đại hội Đảng bộ xã Phượng Tiến lần thứ I, nhiệm kỳ 2025 - 2030."),
              ("phan", "Phần II|MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP"),
              ("roman", "I. MỤC TIÊU"),
              ("num", "1. Mục tiêu chung"),
              ("p", "Phát triển du lịch cộng đồng trở thành ngành kinh tế có đóng góp quan trọng vào tăng trưởng của xã; "
                    "tạo việc làm, tăng thu nhập cho người dân; giữ gìn và phát huy bản sắc văn hóa các dân tộc."),
              ("num", "2. Mục tiêu cụ thể đến năm 2030"),
              ("p", "Có ít nhất 10 hộ kinh doanh dịch vụ lưu trú tại nhà dân (homestay) đạt tiêu chuẩn; đón 15.000 lượt "
                    "khách mỗi năm; 100% người làm du lịch được tập huấn kỹ năng phục vụ khách."),
              ("roman", "II. NHIỆM VỤ, GIẢI PHÁP"),
              ("p", "Quy hoạch không gian du lịch cộng đồng tại các thôn Khẩu Đắc, Na Lang; xây dựng tuyến trải nghiệm "
                    "\"Một ngày làm nông dân trồng chè\"; hỗ trợ các hộ cải tạo nhà sàn, công trình vệ sinh; quảng bá "
                    "trên nền tảng số và liên kết với các doanh nghiệp lữ hành trong tỉnh."),
              ("phan", "Phần III|TỔ CHỨC THỰC HIỆN"),
              ("p", "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Phòng Kinh tế xây dựng kế hoạch thực hiện hằng "
                    "năm, trình Ủy ban nhân dân xã phê duyệt; định kỳ sơ kết, đánh giá kết quả và đề xuất điều chỉnh "
                    "cho phù hợp với thực tế")],
        authority=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer="Nguyễn Đức Phượng",
        noi_nhan=["- TT Đảng ủy, HĐND xã (b/c);", "- Chủ tịch, các PCT UBND xã;", "- Các phòng chuyên môn;",
                  "- Lưu: VT, VHXH."],
        layout=Layout(mode="theme", header="table", lines="vml", margins=(20, 20, 30, 15), body=14),
    )


def pl_rieng_ngang() -> Spec:
    """A separate-file appendix laid out landscape because it is a wide table (allowed)."""
    rows = ["STT|Nhiệm vụ|Đơn vị chủ trì|Đơn vị phối hợp|Thời gian hoàn thành|Sản phẩm|Ghi chú",
            "1|Rà soát vùng lõm sóng di động|Phòng Kinh tế|Doanh nghiệp viễn thông|Quý II/2026|Báo cáo rà soát|",
            "2|Số hóa hồ sơ thủ tục hành chính|Văn phòng HĐND và UBND xã|Bộ phận Một cửa|Quý III/2026|Dữ liệu số hóa|",
            "3|Tập huấn Tổ công nghệ số cộng đồng|Phòng Văn hóa - Xã hội|Đoàn Thanh niên xã|Tháng 6/2026|18 tổ được tập huấn|",
            "4|Đưa sản phẩm OCOP lên sàn thương mại điện tử|Phòng Kinh tế|Các hợp tác xã|Quý IV/2026|05 sản phẩm|"]
    return Spec(
        key="pl-rieng-kh05-phu-luc-iii-ngang", kind="KH", agency=UBND_XA, number="05", symbol="KH-UBND",
        place="Phượng Tiến", date=(2026, 5, 8), trich_yeu="", authority=[], signer="", noi_nhan=[], body=[],
        appendix_only=True,
        appendix=Appendix("Phụ lục III", "PHÂN CÔNG NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026", KH05_REF,
                          [r.split("|") for r in rows], [2, 7, 4, 4, 3, 3, 2]),
        layout=Layout(mode="explicit", header="table", lines="wps", margins=(20, 20, 30, 15), landscape=True),
    )


COMPLIANT = [kh_chuyen_doi_so, qd_thanh_lap_to, cv_mot_noi_nhan, cv_nhieu_noi_nhan, ttr_phong, tb_ket_luan,
             gm_hoi_nghi, bc_truong_thcs, kh_truong_thpt, bb_hop, pl_rieng, da_du_lich, pl_rieng_ngang]
