// SPDX-License-Identifier: MIT
// Help → About: version, what the tool is, and the licences of what it is built from.
#pragma once

#include <QDialog>

namespace hs::ui {

class AboutDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    static QString licencesHtml();
};

} // namespace hs::ui
