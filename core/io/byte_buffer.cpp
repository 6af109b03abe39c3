// SPDX-License-Identifier: MIT
#include "io/byte_buffer.h"

#include "io/mapped_file.h"

namespace hs {

ByteBuffer::ByteBuffer() = default;
ByteBuffer::~ByteBuffer() = default;
ByteBuffer::ByteBuffer(ByteBuffer &&) noexcept = default;
ByteBuffer &ByteBuffer::operator=(ByteBuffer &&) noexcept = default;

ByteBuffer ByteBuffer::mapFile(const std::filesystem::path &path, std::string &error)
{
    ByteBuffer b;
    auto mapped = std::make_unique<MappedFile>();
    if (!mapped->open(path, error))
        return b;
    b.data_ = mapped->data();
    b.size_ = mapped->size();
    b.mapped_ = std::move(mapped);
    return b;
}

ByteBuffer ByteBuffer::fromOwned(std::vector<char> &&bytes)
{
    ByteBuffer b;
    b.owned_ = std::move(bytes);
    b.data_ = b.owned_.data();
    b.size_ = b.owned_.size();
    return b;
}

void ByteBuffer::adviseSequential() const noexcept
{
    if (mapped_)
        mapped_->adviseSequential();
}

void ByteBuffer::release()
{
    mapped_.reset();
    owned_ = {};
    data_ = nullptr;
    size_ = 0;
}

} // namespace hs
